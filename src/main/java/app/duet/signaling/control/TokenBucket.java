package app.duet.signaling.control;

/** A token bucket: {@code burst} messages at once, refilled at {@code perSecond}. Not thread-safe. */
final class TokenBucket {

    private final double burst;
    private final double perNano;
    private double tokens;
    private long refilledAt;

    TokenBucket(int burst, double perSecond, long now) {
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.tokens = burst;
        this.refilledAt = now;
    }

    /** Takes one token if there is one, at time {@code now} (nanoseconds). */
    boolean take(long now) {
        tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whether the bucket would be full at {@code now}: as if it had never been used. */
    boolean full(long now) {
        return tokens + (now - refilledAt) * perNano >= burst;
    }
}
