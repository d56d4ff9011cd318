package app.duet.testing;

import java.io.IOException;
import java.time.Duration;

/** Waiting for a server process the tests started to be ready. */
final class Processes {

    private Processes() {
    }

    interface Check {
        boolean ready() throws IOException;
    }

    /** Polls {@code check} until it holds; fails with {@code failure} when the process dies or time runs out. */
    static void awaitReady(Process process, Duration timeout, Duration every, Check check, String failure)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.ready()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(failure);
            }
            Thread.sleep(every.toMillis());
        }
    }
}
