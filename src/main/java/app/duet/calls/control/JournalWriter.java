package app.duet.calls.control;

import app.duet.platform.control.Settings;
import app.duet.platform.control.SkipWhileBusy;
import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.EndReason;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes the call journal to the database twice a second, off the signaling threads. When the
 * database is away the events wait in the journal and are written once it is back; an event the
 * database keeps refusing while it answers (a bug, not an outage) is logged and dropped so it
 * cannot block the ones after it. An end, quality report or user whose call is not in the history yet
 * (in a cluster another node writes the start) waits aside, see {@link Unmatched}. At start-up it
 * closes the calls a previous run left open.
 */
@Singleton
@Startup
@DependsOn("Migrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JournalWriter {

    static final long TICK_MS = 500;
    static final long STILL_RUNNING_EVERY_MS = 15_000;
    static final int BATCH = 500;

    private static final Logger LOG = Logger.getLogger(JournalWriter.class.getName());

    @Resource
    TimerService timers;

    @Inject
    CallJournal journal;

    @Inject
    CallRecords records;

    @Inject
    Event<CallEvent> ends;

    static final int ATTEMPTS = 5;

    @Inject
    Settings settings;

    /** Epoch millis; tests set their own. */
    LongSupplier clock = System::currentTimeMillis;

    private final Unmatched unmatched = new Unmatched();
    private boolean failing;
    private int headFailures;
    private RuntimeException lastFailure;
    private long stillRunningAt;
    private final SkipWhileBusy ticking = new SkipWhileBusy();

    @PostConstruct
    void start() {
        // Nodes of a cluster share the history: the open calls are other nodes' too. A dead
        // node's calls end when the others free its slots.
        if (!settings.clustered()) {
            List<CallEvent.Ended> closed = records.closeUnfinished(EndReason.SERVER_SHUTDOWN, null);
            if (!closed.isEmpty()) {
                LOG.info(() -> closed.size() + " calls left open by the previous run closed as " + EndReason.SERVER_SHUTDOWN.wire());
            }
            // a run that crashed never told the rest (webhooks) that its calls ended: tell them now,
            // as signaling would have (the history, observing these too, finds them ended already)
            closed.forEach(ends::fire);
        }
        timers.createIntervalTimer(TICK_MS, TICK_MS, new TimerConfig("duet-call-journal", false));
    }

    /**
     * Every {@value #TICK_MS} ms. A tick that comes while the last one still waits for the database
     * (at most the JDBC timeouts of the datasource) does nothing, so that timer threads do not pile
     * up behind it.
     */
    @Timeout
    void tick() {
        ticking.run(() -> {
            synchronized (this) {
                flush();
                retryUnmatched();
                long now = clock.getAsLong();
                if (!failing && now - stillRunningAt >= STILL_RUNNING_EVERY_MS) {
                    stillRunningAt = now;
                    try {
                        records.stillRunning(now);
                    } catch (RuntimeException e) {
                        LOG.log(Level.FINE, "Could not note running calls", e);
                    }
                }
            }
        });
    }

    /**
     * Writes what the journal holds, in batches, once the database answers (asked first: a write
     * attempt against a database that is away can take seconds to fail). When a batch fails, its
     * first event is tried alone: if the database is away, everything waits for the next tick; if
     * the database answers but refuses that event on {@value #ATTEMPTS} ticks in a row, the event
     * is logged and dropped.
     */
    synchronized void flush() {
        for (List<CallEvent> batch; !(batch = journal.head(BATCH)).isEmpty(); ) {
            if (!records.answers()) {
                away();
                return;
            }
            if (applied(batch) || (batch.size() > 1 && applied(batch = batch.subList(0, 1)))) {
                journal.written(batch.size());
                headFailures = 0;
                recovered();
                continue;
            }
            if (!records.answers()) {
                away();
                return;
            }
            if (++headFailures < ATTEMPTS) {
                return;
            }
            LOG.log(Level.SEVERE, "Call history event refused " + ATTEMPTS + " times by a database that answers; dropped: "
                    + batch.get(0), lastFailure);
            journal.written(1);
            headFailures = 0;
        }
    }

    private boolean applied(List<CallEvent> events) {
        try {
            unmatched.hold(records.apply(events), clock.getAsLong(), this::givenUp);
            return true;
        } catch (RuntimeException e) {
            lastFailure = e;
            return false;
        }
    }

    /** Tries the events waiting for their call again (when there are any and the database answers). */
    synchronized void retryUnmatched() {
        if (unmatched.size() == 0 || !records.answers()) {
            return;
        }
        try {
            unmatched.retry(records::apply, clock.getAsLong(), this::givenUp);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not apply events waiting for their call; next tick", e);
        }
    }

    private void givenUp(CallEvent event) {
        LOG.severe(() -> "Call history event whose call never reached the history, given up: " + event);
    }

    private void away() {
        if (!failing) {
            LOG.warning(() -> "Call history cannot be written, the database is away; " + journal.size()
                    + " events wait and will be written when it is back");
        }
        failing = true;
    }

    private void recovered() {
        if (failing) {
            LOG.info("Call history database is back; waiting events written");
            failing = false;
        }
    }

    @PreDestroy
    void stop() {
        flush();
        retryUnmatched();
        if (unmatched.size() > 0) {
            LOG.warning(() -> unmatched.size() + " call history events whose call is not in the history yet are lost at shutdown");
        }
        if (settings.clustered()) {
            return;
        }
        try {
            records.closeUnfinished(EndReason.SERVER_SHUTDOWN, System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not close running calls at shutdown; the next start will", e);
        }
    }
}
