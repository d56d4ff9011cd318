package app.duet.turn.control;

import java.util.ArrayDeque;

/**
 * Users mode: the ephemeral TURN users this node minted that have not expired yet, so that no
 * flood of requests fills turnusers_lt: at most {@code max} live at once. Every user lives the
 * same TTL, so their expiry times come in order and a queue of them is pruned from its head.
 */
final class LiveUsers {

    private final int max;
    private final ArrayDeque<Long> expiries = new ArrayDeque<>();
    private long refused;

    LiveUsers(int max) {
        this.max = max;
    }

    /** Counts one more user living until {@code expiresAt}; false (counted as refused) when {@code max} are live. */
    synchronized boolean reserve(long expiresAt, long now) {
        prune(now);
        if (expiries.size() >= max) {
            refused++;
            return false;
        }
        expiries.addLast(expiresAt);
        return true;
    }

    /** A reserved user that was not written after all. */
    synchronized void release(long expiresAt) {
        expiries.removeLastOccurrence(expiresAt);
    }

    synchronized int live(long now) {
        prune(now);
        return expiries.size();
    }

    synchronized long refused() {
        return refused;
    }

    private void prune(long now) {
        while (!expiries.isEmpty() && expiries.peekFirst() <= now) {
            expiries.removeFirst();
        }
    }
}
