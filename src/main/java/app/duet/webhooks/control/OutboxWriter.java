package app.duet.webhooks.control;

import app.duet.calls.control.CallHistory;
import app.duet.platform.control.Settings;
import app.duet.platform.control.SkipWhileBusy;
import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.EndReason;
import app.duet.signaling.entity.PeerEvent;
import app.duet.webhooks.entity.WebhookEvent;
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
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the journal's events into outbox rows twice a second, off the signaling threads, as
 * {@code calls.control.JournalWriter} writes the history: while the database is away the events
 * wait in the journal; an event the database keeps refusing while it answers is logged, counted
 * and dropped so that it cannot block the ones after it. After adding rows it keeps the outbox
 * within {@code duet.webhook.outbox.max} rows: the oldest finished rows go first, then the oldest
 * pending ones (counted as {@code outbox-full}), so a long outage of a receiver loses its oldest
 * events, never the newest.
 */
@Singleton
@Startup
@DependsOn("Migrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxWriter {

    static final long TICK_MS = 500;
    static final int BATCH = 200;
    static final int ATTEMPTS = 5;
    static final long TRIM_EVERY_MS = 1_000;
    /** Rows deleted per transaction when trimming. */
    static final int DELETE_BATCH = 1_000;
    private static final Logger LOG = Logger.getLogger(OutboxWriter.class.getName());

    @Resource
    TimerService timers;

    @Inject
    WebhookJournal journal;

    @Inject
    Outbox outbox;

    @Inject
    CallHistory history;

    @Inject
    WebhookSettings settings;

    @Inject
    WebhookMetrics metrics;

    @Inject
    Settings platform;

    private final OpenCalls calls = new OpenCalls();
    private final SkipWhileBusy ticking = new SkipWhileBusy();
    private long lastSeq;
    private int headFailures;
    private RuntimeException lastFailure;
    private boolean failing;
    private boolean added;
    private long trimmedAt;

    @PostConstruct
    void start() {
        if (settings.enabled()) {
            timers.createIntervalTimer(TICK_MS, TICK_MS, new TimerConfig("duet-webhook-outbox", false));
        }
    }

    /** Every {@value #TICK_MS} ms; a tick that comes while the last one still runs does nothing. */
    @Timeout
    void tick() {
        ticking.run(() -> {
            synchronized (this) {
                flush();
                long now = System.currentTimeMillis();
                if (added && now - trimmedAt >= TRIM_EVERY_MS) {
                    trim();
                    trimmedAt = now;
                    added = false;
                }
            }
        });
    }

    /** Writes what the journal holds, in batches (the first event alone when a batch fails). */
    synchronized void flush() {
        for (List<Object> batch; !(batch = journal.head(BATCH)).isEmpty(); ) {
            if (!outbox.answers()) {
                away();
                return;
            }
            if (written(batch) || (batch.size() > 1 && written(batch = batch.subList(0, 1)))) {
                journal.written(batch.size());
                headFailures = 0;
                recovered();
                continue;
            }
            if (!outbox.answers()) {
                away();
                return;
            }
            if (++headFailures < ATTEMPTS) {
                return;
            }
            LOG.log(Level.SEVERE, "Webhook event refused " + ATTEMPTS + " times by a database that answers; dropped: "
                    + batch.get(0), lastFailure);
            metrics.dropped(WebhookMetrics.REFUSED);
            journal.written(1);
            headFailures = 0;
        }
    }

    private boolean written(List<Object> batch) {
        try {
            List<WebhookEvent> events = translate(batch);
            if (outbox.add(events, settings.urls(), this::nextSeq, System.currentTimeMillis()) > 0) {
                added = true;
            }
            for (Object event : batch) {
                if (event instanceof CallEvent.Ended e) {
                    calls.forget(e.callId());
                }
            }
            return true;
        } catch (RuntimeException e) {
            lastFailure = e;
            return false;
        }
    }

    /**
     * The webhook events of a batch of signaling events. The call facts take the whole batch
     * first, so that a {@code call.started} carries the users announced right after its start.
     * Applying a batch again (after a failed write) changes no fact.
     */
    List<WebhookEvent> translate(List<Object> batch) {
        for (Object event : batch) {
            if (event instanceof CallEvent c) {
                calls.of(c.callId()).apply(c);
            }
        }
        List<WebhookEvent> events = new ArrayList<>();
        for (Object event : batch) {
            if (event instanceof PeerEvent p) {
                events.add(EventJson.peer(p));
            } else if (event instanceof CallEvent.Started s) {
                events.add(EventJson.callStarted(calls.of(s.callId())));
            } else if (event instanceof CallEvent.Ended e) {
                CallFacts facts = calls.of(e.callId());
                // a node on its own knows all of its calls; in a cluster the other side's user and
                // path are the other node's, and the shared history has them (and the start it keeps)
                if (facts.room == null || platform.clustered()) {
                    history.byId(e.callId()).ifPresent(facts::fill);
                }
                events.add(EventJson.callEnded(facts));
            }
        }
        return events;
    }

    /** Rows are ordered by when they were recorded: epoch micros, strictly increasing on a node. */
    private long nextSeq() {
        lastSeq = Math.max(lastSeq + 1, System.currentTimeMillis() * 1000);
        return lastSeq;
    }

    /** Keeps the outbox within its bound: oldest finished rows first, then oldest pending ones (counted). */
    private void trim() {
        try {
            long excess = outbox.count() - settings.outboxMax();
            for (int n; excess > 0 && (n = outbox.deleteOldest(true, null, (int) Math.min(excess, DELETE_BATCH))) > 0; ) {
                excess -= n;
            }
            long dropped = 0;
            for (int n; excess > 0 && (n = outbox.deleteOldest(false, null, (int) Math.min(excess, DELETE_BATCH))) > 0; ) {
                excess -= n;
                dropped += n;
            }
            if (dropped > 0) {
                metrics.dropped(WebhookMetrics.OUTBOX_FULL, dropped);
                long total = dropped;
                LOG.warning(() -> "Webhook outbox full (duet.webhook.outbox.max=" + settings.outboxMax() + "): the "
                        + total + " oldest undelivered deliveries dropped");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not trim the webhook outbox; next time", e);
        }
    }

    private void away() {
        if (!failing) {
            LOG.warning(() -> "Webhook events cannot be written, the database is away; " + journal.size()
                    + " events wait and will be written when it is back");
        }
        failing = true;
    }

    private void recovered() {
        if (failing) {
            LOG.info("Webhook database is back; waiting events written");
            failing = false;
        }
    }

    /**
     * Writes what waits. Signaling ends no call when the server stops, and the history closes the
     * running ones as {@code server-shutdown} (calls.control.JournalWriter): their receivers get
     * that {@code call.ended} too, sent after the next start. In a cluster the calls go on with
     * the other nodes, as in the history.
     */
    @PreDestroy
    void stop() {
        if (!settings.enabled()) {
            return;
        }
        flush();
        if (!platform.clustered()) {
            long now = System.currentTimeMillis();
            calls.unended().forEach(id -> journal.append(new CallEvent.Ended(id, now, EndReason.SERVER_SHUTDOWN)));
            flush();
        }
    }
}
