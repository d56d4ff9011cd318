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

    /** Waits until {@code check} holds; fails with {@code failure} when the process dies or time runs out. */
    static void awaitReady(Process process, Duration timeout, Check check, String failure) {
        Await.until(failure, timeout, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(failure + " (the process exited with " + process.exitValue() + ")");
            }
            return check.ready();
        });
    }
}
