package app.duet.signaling.control;

import java.util.ArrayDeque;

/**
 * The frames a socket sent while its join is checked on another thread ({@link SlowJoins}), kept in
 * order to be handled once the join is done. At most {@link #MAX_FRAMES}, each within the shared
 * {@link HeldMemory} budget: a client has nothing to send before its {@code joined} but a ping or a
 * leave, so more is refused.
 */
final class Backlog {

    static final int MAX_FRAMES = 8;

    /** What became of a frame offered to the backlog. */
    enum Hold { HELD, REFUSED, OVER }

    private final ArrayDeque<String> frames = new ArrayDeque<>();
    private final HeldMemory memory;
    private boolean over;
    private boolean closed;
    private boolean closedWhileOpen;

    Backlog(HeldMemory memory) {
        this.memory = memory;
    }

    /**
     * Keeps {@code text} behind the join: HELD; REFUSED when full or the budget is spent (nothing
     * kept); OVER once the join and every frame held were handled, and the caller handles it itself.
     */
    synchronized Hold hold(String text) {
        if (over) {
            return Hold.OVER;
        }
        if (frames.size() >= MAX_FRAMES || !memory.reserve(HeldMemory.bytes(text))) {
            return Hold.REFUSED;
        }
        frames.add(text);
        return Hold.HELD;
    }

    /** The next frame to handle; null when none is left, and from then on the backlog is over. */
    synchronized String next() {
        String text = closed ? null : frames.poll();
        if (text == null) {
            drop();
            over = true;
        } else {
            memory.release(HeldMemory.bytes(text));
        }
        return text;
    }

    /**
     * The socket closed: the frames held are dropped. True while the join is still being handled,
     * which then sees to the slot it may have given ({@link #closed()}); false when it is over.
     */
    synchronized boolean close() {
        closed = true;
        drop();
        closedWhileOpen = !over;
        return closedWhileOpen;
    }

    /** Whether the socket closed before the backlog was over (then the join's side sees to the slot). */
    synchronized boolean closedBeforeOver() {
        return closedWhileOpen;
    }

    private void drop() {
        for (String text : frames) {
            memory.release(HeldMemory.bytes(text));
        }
        frames.clear();
    }
}
