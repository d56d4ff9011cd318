package app.duet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread of the load generator that asks to sleep 1 ms, over and over, and notes each time it
 * woke more than {@value #STALL_NANOS} ns late: it does nothing else, so such a stall is the
 * machine's (no core free for it), not the server's nor the relay path's. A relay run's tail that
 * falls where this probe stalled too was not made by the server under test.
 */
final class StallProbe {

    static final long STALL_NANOS = 2_000_000;
    private static final long NAP_NANOS = 1_000_000;

    /** When a late wake-up began (System.nanoTime) and how late it was. */
    record Stall(long from, long nanos) {
    }

    private final List<Stall> stalls = new ArrayList<>();
    private final Thread thread = new Thread(this::run, "stall-probe");
    private volatile boolean running = true;

    StallProbe start() {
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Stops the probe and returns its stalls, oldest first. */
    List<Stall> stop() throws InterruptedException {
        running = false;
        thread.join();
        return stalls;
    }

    private void run() {
        while (running) {
            long before = System.nanoTime();
            LockSupport.parkNanos(NAP_NANOS);
            long late = System.nanoTime() - before - NAP_NANOS;
            if (late > STALL_NANOS) {
                stalls.add(new Stall(before + NAP_NANOS, late));
            }
        }
    }

    /** A line for the run's report: how often and how long the generator's probe was held up. */
    static String summary(List<Stall> stalls, double seconds) {
        long total = stalls.stream().mapToLong(Stall::nanos).sum();
        long worst = stalls.stream().mapToLong(Stall::nanos).max().orElse(0);
        return String.format("generator's stall probe: %d stalls over %d ms (%.1f a second), %.0f ms in all, the worst %.1f ms",
                stalls.size(), STALL_NANOS / 1_000_000, stalls.size() / seconds, total / 1e6, worst / 1e6);
    }
}
