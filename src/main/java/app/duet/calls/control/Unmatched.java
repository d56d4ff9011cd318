package app.duet.calls.control;

import app.duet.signaling.entity.CallEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Call events that arrived before their call was in the history: in a cluster the start is
 * written by both sides' nodes, the end by the node of the peer who left, each side's user by its
 * own node, each through its own journal, so an end or a user can reach the database first. They
 * are tried again on every tick, in the order they came, for {@link #HOLD_MS}; what still has no
 * call then (or beyond {@link #MAX} held) is given up, never silently. Not thread-safe:
 * {@link JournalWriter} owns it.
 */
final class Unmatched {

    static final long HOLD_MS = 5 * 60_000;
    static final int MAX = 10_000;

    private record Held(CallEvent event, long since) {
    }

    private final List<Held> held = new ArrayList<>();

    void hold(List<CallEvent> events, long now, Consumer<CallEvent> givenUp) {
        events.forEach(e -> held.add(new Held(e, now)));
        while (held.size() > MAX) {
            givenUp.accept(held.remove(0).event());
        }
    }

    /**
     * Offers the held events to {@code apply}, which returns those still without a call (and
     * throws, keeping them all, when the database is away); those held too long are given up.
     */
    void retry(UnaryOperator<List<CallEvent>> apply, long now, Consumer<CallEvent> givenUp) {
        List<CallEvent> still = apply.apply(held.stream().map(Held::event).toList());
        List<Held> kept = new ArrayList<>();
        int next = 0;
        for (Held h : held) {
            // 'still' is in held order: walk both lists together
            if (next < still.size() && still.get(next) == h.event()) {
                next++;
                if (now - h.since() < HOLD_MS) {
                    kept.add(h);
                } else {
                    givenUp.accept(h.event());
                }
            }
        }
        held.clear();
        held.addAll(kept);
    }

    int size() {
        return held.size();
    }
}
