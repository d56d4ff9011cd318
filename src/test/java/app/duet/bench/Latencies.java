package app.duet.bench;

import java.util.Arrays;

/** One-way latencies in nanoseconds, kept whole (a run has at most a few million). */
final class Latencies {

    private long[] samples = new long[1 << 16];
    private int count;

    synchronized void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
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
