package app.duet.platform.control;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a periodic task at most once at a time. A timer tick that comes while the last run still
 * waits (for a hung database, up to its JDBC timeouts; for a slow receiver) does nothing, so that
 * the container's timer threads do not pile up behind it.
 */
public final class SkipWhileBusy {

    private final AtomicBoolean busy = new AtomicBoolean();

    /** Runs {@code task} unless a run is under way; false when skipped. */
    public boolean run(Runnable task) {
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            task.run();
            return true;
        } finally {
            busy.set(false);
        }
    }
}
