package app.duet.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
     * they fall, what share of them the 10 fullest windows hold, and how many of those 10 the
     * generator's {@link StallProbe} stalled in too (or in the next window, while their messages
     * were on their way). A few stalls (a collection, a thread not scheduled) put the tail in few
     * windows; jitter per message spreads it; a stall the probe shared was the machine's.
     */
    synchronized String tailSpread(int windowMillis, List<StallProbe.Stall> stalls) {
        if (count < 100) {
            return "tail: too few samples";
        }
        Map<Long, Integer> windows = tailWindows(windowMillis);
        int tail = windows.values().stream().mapToInt(Integer::intValue).sum();
        List<Window> fullest = fullest(windows, windowMillis);
        int top = fullest.stream().mapToInt(Window::messages).sum();
        long width = windowMillis * 1_000_000L;
        long shared = fullest.stream().filter(w -> stalls.stream()
                .anyMatch(s -> s.from() < w.from() + 2 * width && s.from() + s.nanos() > w.from())).count();
        return String.format("tail (the slowest 1%%, %d messages): in %d windows of %d ms, the 10 fullest hold %.0f%%;"
                        + " the generator's stall probe stalled in %d of those 10",
                tail, windows.size(), windowMillis, 100.0 * top / tail, shared);
    }

    /** A window of the tail: when it began (the clock of the send stamps) and how many of the slowest 1% were sent in it. */
    record Window(long from, int messages) {
    }

    /** The 10 windows of {@code windowMillis} that hold the most of the slowest 1%, fullest first. */
    synchronized List<Window> fullestTailWindows(int windowMillis) {
        return count < 100 ? List.of() : fullest(tailWindows(windowMillis), windowMillis);
    }

    /** How many of the slowest 1% were sent in each window, by the window's number. */
    private Map<Long, Integer> tailWindows(int windowMillis) {
        long threshold = sorted()[index(99)];
        Map<Long, Integer> windows = new HashMap<>();
        for (int i = 0; i < count; i++) {
            if (samples[i] >= threshold) {
                windows.merge(sentAt[i] / (windowMillis * 1_000_000L), 1, Integer::sum);
            }
        }
        return windows;
    }

    private static List<Window> fullest(Map<Long, Integer> windows, int windowMillis) {
        return windows.entrySet().stream().sorted(Map.Entry.<Long, Integer>comparingByValue().reversed()).limit(10)
                .map(w -> new Window(w.getKey() * windowMillis * 1_000_000L, w.getValue())).toList();
    }

    /** Percentiles (0–100) in milliseconds, in the order asked; max is 100. */
    synchronized double[] millis(double... percentiles) {
        long[] sorted = sorted();
        double[] result = new double[percentiles.length];
        for (int i = 0; i < percentiles.length; i++) {
            result[i] = count == 0 ? Double.NaN : sorted[index(percentiles[i])] / 1e6;
        }
        return result;
    }

    private long[] sorted() {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return sorted;
    }

    /** Where a percentile (0–100) falls in the sorted samples (of which there is at least one). */
    private int index(double percentile) {
        return (int) Math.max(0, Math.min(count - 1, Math.ceil(percentile / 100 * count) - 1));
    }

    synchronized int count() {
        return count;
    }
}
