package app.duet.platform.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Events on their way to the database, in the order they happened. The threads that make them
 * (signaling's, under a room's lock) only append; one writer reads the {@link #head}, writes it and
 * then {@link #written forgets} it, so a database outage delays the events but loses none, up to
 * {@code capacity} waiting at once. Past that, new events are dropped and counted, with a line in
 * the log at most once a minute, so that an outage cannot grow the heap without end.
 */
public final class BoundedJournal<E> {

    static final long LOG_EVERY_MS = 60_000;
    private static final Logger LOG = Logger.getLogger(BoundedJournal.class.getName());

    private final Deque<E> pending = new ArrayDeque<>();
    private final String what;
    private final String setting;
    private final int capacity;
    private final LongSupplier clock;
    private long dropped;
    private long droppedSinceLog;
    private long loggedAt = Long.MIN_VALUE / 2;

    /**
     * @param what    what the events are for, for the log ("Call history")
     * @param setting the setting that sets the capacity, for the log ("duet.history.queue")
     */
    public BoundedJournal(String what, String setting, int capacity, LongSupplier clock) {
        this.what = what;
        this.setting = setting;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Queues the event; false (and counted) when the journal is full. */
    public synchronized boolean append(E event) {
        if (pending.size() < capacity) {
            pending.addLast(event);
            return true;
        }
        dropped++;
        droppedSinceLog++;
        long now = clock.getAsLong();
        if (now - loggedAt >= LOG_EVERY_MS) {
            LOG.warning(what + " queue full (" + capacity + " events waiting for the database, " + setting + "): "
                    + droppedSinceLog + " events dropped since the last such line, " + dropped + " since start");
            loggedAt = now;
            droppedSinceLog = 0;
        }
        return false;
    }

    /** The oldest events, at most {@code max}, left in the journal. */
    public synchronized List<E> head(int max) {
        List<E> head = new ArrayList<>(Math.min(max, pending.size()));
        for (E event : pending) {
            if (head.size() == max) {
                break;
            }
            head.add(event);
        }
        return head;
    }

    /** Forgets the {@code count} oldest events: they are written (or given up). */
    public synchronized void written(int count) {
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
