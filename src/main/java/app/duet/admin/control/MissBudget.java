package app.duet.admin.control;

/**
 * A token bucket of password checks: {@code burst} at once, refilled at {@code perSecond}; one lock,
 * held for a few arithmetic operations, never during a check.
 */
final class MissBudget {

    private final double burst;
    private final double perMilli;
    private double tokens;
    private long last = Long.MIN_VALUE;

    MissBudget(int burst, int perSecond) {
        this.burst = burst;
        this.perMilli = perSecond / 1000.0;
        this.tokens = burst;
    }

    synchronized boolean take(long now) {
        if (last != Long.MIN_VALUE && now > last) {
            tokens = Math.min(burst, tokens + (now - last) * perMilli);
        }
        last = Math.max(last, now);
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
