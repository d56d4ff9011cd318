package app.duet.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** The one polling loop of the tests: wait for a condition instead of sleeping a fixed time. */
public final class Await {

    public static final Duration DEFAULT = Duration.ofSeconds(20);
    private static final long EVERY_MILLIS = 100;

    private Await() {
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} after {@code timeout}. */
    public static void until(String what, Duration timeout, Callable<Boolean> condition) {
        value(what, timeout, () -> Boolean.TRUE.equals(condition.call()) ? Optional.of(true) : Optional.empty());
    }

    public static void until(String what, Callable<Boolean> condition) {
        until(what, DEFAULT, condition);
    }

    /** Polls {@code probe} until it yields a value, and returns it; fails naming {@code what} after {@code timeout}. */
    public static <T> T value(String what, Duration timeout, Callable<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                Optional<T> value = probe.call();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up after " + timeout + " waiting for " + what, last);
            }
            pause(EVERY_MILLIS);
        }
    }

    /** Sleeps; only for pacing a load or letting a stated amount of time pass, never to wait for a state. */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
