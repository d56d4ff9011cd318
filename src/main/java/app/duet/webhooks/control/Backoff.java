package app.duet.webhooks.control;

/**
 * When a failed event is tried again: after its n-th failed attempt it waits
 * {@code initial × 2^(n-1)}, at most {@code max}, so while a receiver is down long each event is
 * tried about once per {@code max}; the last attempt is made {@code giveUpAfter} after the event
 * was recorded, and when that one fails too the event is given up. With the defaults (5 s, 1 h,
 * 24 h): 5 s, 10 s, 20 s … 42 min 40 s, then hourly, 34 attempts in all. No jitter: a node sends
 * one request at a time, at most one failing per receiver per tick ({@link Courier}), so there is
 * no herd to spread out.
 */
public record Backoff(long initialMillis, long maxMillis, long giveUpAfterMillis) {

    /** The answer of {@link #next} when the event is to be given up. */
    public static final long GIVE_UP = -1;

    /**
     * When to try again an event recorded at {@code createdAt} whose {@code failures}-th attempt
     * (1 for the first) just failed, at {@code now}; {@link #GIVE_UP} when its time is up.
     */
    public long next(long createdAt, int failures, long now) {
        long deadline = createdAt + giveUpAfterMillis;
        if (now >= deadline) {
            return GIVE_UP;
        }
        // initial is at most an hour (< 2^22 ms): shifted by 40 it still fits a long
        long delay = Math.min(maxMillis, initialMillis << Math.min(Math.max(failures - 1, 0), 40));
        return Math.min(now + delay, deadline);
    }
}
