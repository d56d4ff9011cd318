package app.duet.calls.control;

import app.duet.signaling.entity.CallEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The call events not yet in the database, in the order they happened. Signaling's threads only
 * append here (no database work on the relay path); {@link JournalWriter} writes them and removes
 * them once committed, so a database outage delays history but loses none of it.
 */
@ApplicationScoped
public class CallJournal {

    private final Deque<CallEvent> pending = new ArrayDeque<>();

    void record(@Observes CallEvent event) {
        append(event);
    }

    public synchronized void append(CallEvent event) {
        pending.addLast(event);
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
}
