package app.duet.calls.control;

import app.duet.platform.control.SettingReader;
import app.duet.signaling.entity.CallEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The call events not yet in the database, in the order they happened. Signaling's threads only
 * append here (no database work on the relay path); {@link JournalWriter} writes them and removes
 * them once committed, so a database outage delays history but loses none of it, up to
 * {@code duet.history.queue} events waiting at once: past that, new events are dropped and counted
 * (a line in the log at most once a minute), so that an outage cannot grow the heap without end.
 */
@ApplicationScoped
public class CallJournal {

    static final String SETTING = "history.queue";
    static final int DEFAULT_CAPACITY = 50_000;
    static final long LOG_EVERY_MS = 60_000;
    private static final Logger LOG = Logger.getLogger(CallJournal.class.getName());

    private final Deque<CallEvent> pending = new ArrayDeque<>();
    private final int capacity;
    private final LongSupplier clock;
    private long dropped;
    private long droppedSinceLog;
    private long loggedAt = Long.MIN_VALUE / 2;

    public CallJournal() {
        this(capacity(SettingReader.fromEnvironment()), System::currentTimeMillis);
    }

    CallJournal(int capacity, LongSupplier clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    static int capacity(SettingReader settings) {
        return settings.integer(SETTING, DEFAULT_CAPACITY, 100, 10_000_000);
    }

    void record(@Observes CallEvent event) {
        append(event);
    }

    /** Queues the event; false (and counted) when the journal is full. */
    public synchronized boolean append(CallEvent event) {
        if (pending.size() < capacity) {
            pending.addLast(event);
            return true;
        }
        dropped++;
        droppedSinceLog++;
        long now = clock.getAsLong();
        if (now - loggedAt >= LOG_EVERY_MS) {
            LOG.warning("Call history queue full (" + capacity + " events waiting for the database, duet.history.queue): "
                    + droppedSinceLog + " events dropped since the last such line, " + dropped + " since start");
            loggedAt = now;
            droppedSinceLog = 0;
        }
        return false;
    }

    /** The oldest events, at most {@code max}, left in the journal. */
    synchronized List<CallEvent> head(int max) {
        List<CallEvent> head = new ArrayList<>(Math.min(max, pending.size()));
        for (CallEvent event : pending) {
            if (head.size() == max) {
                break;
            }
            head.add(event);
        }
        return head;
    }

    /** Forgets the {@code count} oldest events: they are in the database. */
    synchronized void written(int count) {
        for (int i = 0; i < count; i++) {
            pending.removeFirst();
        }
    }

    public synchronized int size() {
        return pending.size();
    }

    /** Events dropped because the journal was full, since start. */
    public synchronized long dropped() {
        return dropped;
    }

    public int capacity() {
        return capacity;
    }
}
