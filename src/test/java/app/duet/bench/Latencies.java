package app.duet.bench;

import java.util.Arrays;

/**
 * One-way latencies in nanoseconds, kept whole (a run has at most a few million), each with when
 * its message was sent, to tell a tail made of a few stalls from one spread over the run.
 */
final class Latencies {

    private long[] samples = new long[1 << 16];
    private long[] sentAt = new long[1 << 16];
    private int count;

    synchronized void add(long nanos) {
        add(nanos, 0);
    }

    synchronized void add(long nanos, long sentNanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
            sentAt = Arrays.copyOf(sentAt, count * 2);
        }
        sentAt[count] = sentNanos;
        samples[count++] = nanos;
    }

    /**
     * The slowest 1% of messages by when they were sent: in how many {@code windowMillis} windows
     * they fall, and what share of them the 10 fullest windows hold. A few stalls (a collection, a
     * thread not scheduled) put the tail in few windows; jitter per message spreads it.
     */
    synchronized String tailSpread(int windowMillis) {
        if (count < 100) {
            return "tail: too few samples";
        }
        long threshold = millis(99)[0] > 0 ? Math.round(millis(99)[0] * 1e6) : 0;
        java.util.Map<Long, Integer> windows = new java.util.HashMap<>();
        int tail = 0;
        for (int i = 0; i < count; i++) {
            if (samples[i] >= threshold) {
                tail++;
                windows.merge(sentAt[i] / (windowMillis * 1_000_000L), 1, Integer::sum);
            }
        }
        int top = windows.values().stream().sorted(java.util.Comparator.reverseOrder()).limit(10).mapToInt(Integer::intValue).sum();
        return String.format("tail (the slowest 1%%, %d messages): in %d windows of %d ms, the 10 fullest hold %.0f%%",
                tail, windows.size(), windowMillis, 100.0 * top / tail);
    }

    /** Percentiles (0–100) in milliseconds, in the order asked; max is 100. */
    synchronized double[] millis(double... percentiles) {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        double[] result = new double[percentiles.length];
        for (int i = 0; i < percentiles.length; i++) {
            int index = count == 0 ? -1 : (int) Math.min(count - 1, Math.ceil(percentiles[i] / 100 * count) - 1);
            result[i] = index < 0 ? Double.NaN : sorted[Math.max(0, index)] / 1e6;
        }
        return result;
    }

    synchronized int count() {
        return count;
    }
}
