package app.duet.calls.control;

import app.duet.platform.control.BoundedJournal;
import app.duet.platform.control.SettingReader;
import app.duet.signaling.entity.CallEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * The call events not yet in the database, in the order they happened. Signaling's threads only
 * append here (no database work on the relay path); {@link JournalWriter} writes them and removes
 * them once committed. At most {@code duet.history.queue} events wait at once; past that, new ones
 * are dropped and counted (see {@link BoundedJournal}).
 */
@ApplicationScoped
public class CallJournal {

    static final String SETTING = "history.queue";
    static final int DEFAULT_CAPACITY = 50_000;

    private final BoundedJournal<CallEvent> pending;

    public CallJournal() {
        this(capacity(SettingReader.fromEnvironment()));
    }

    CallJournal(int capacity) {
        pending = new BoundedJournal<>("Call history", "duet." + SETTING, capacity, System::currentTimeMillis);
    }

    static int capacity(SettingReader settings) {
        return settings.integer(SETTING, DEFAULT_CAPACITY, 100, 10_000_000);
    }

    void record(@Observes CallEvent event) {
        append(event);
    }

    /** Queues the event; false (and counted) when the journal is full. */
    public boolean append(CallEvent event) {
        return pending.append(event);
    }

    /** The oldest events, at most {@code max}, left in the journal. */
    List<CallEvent> head(int max) {
        return pending.head(max);
    }

    /** Forgets the {@code count} oldest events: they are in the database. */
    void written(int count) {
        pending.written(count);
    }

    public int size() {
        return pending.size();
    }

    /** Events dropped because the journal was full, since start. */
    public long dropped() {
        return pending.dropped();
    }

    public int capacity() {
        return pending.capacity();
    }
}
