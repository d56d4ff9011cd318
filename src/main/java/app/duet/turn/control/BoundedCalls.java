package app.duet.turn.control;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Database work a request asks for, run elsewhere (an asynchronous bean method) so that the
 * request's thread waits for it only until a deadline, and at most {@code concurrent} at a time:
 * past that, a call is refused at once. A database that hangs then costs a handful of background
 * threads (held until the JDBC timeouts free them), never the request threads.
 */
final class BoundedCalls {

    enum Outcome { DONE, BUSY, LATE, FAILED }

    private final Semaphore permits;
    private final Duration deadline;

    BoundedCalls(int concurrent, Duration deadline) {
        this.permits = new Semaphore(concurrent);
        this.deadline = deadline;
    }

    /**
     * Starts the work and waits for it until the deadline: DONE once it completed. {@code start}
     * hands the work off without blocking and returns its future; the work must run the
     * {@code release} it is given when it ends (in a finally), so that a late call keeps its slot
     * until then.
     */
    Outcome run(Function<Runnable, Future<?>> start) {
        if (!permits.tryAcquire()) {
            return Outcome.BUSY;
        }
        AtomicBoolean held = new AtomicBoolean(true);
        Runnable release = () -> {
            if (held.compareAndSet(true, false)) {
                permits.release();
            }
        };
        Future<?> call;
        try {
            call = start.apply(release);
        } catch (RuntimeException e) {
            release.run();
            return Outcome.FAILED;
        }
        try {
            call.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            release.run();
            return Outcome.DONE;
        } catch (ExecutionException e) {
            release.run();
            return Outcome.FAILED;
        } catch (TimeoutException e) {
            return Outcome.LATE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.LATE;
        }
    }

    /** Slots free now. */
    int available() {
        return permits.availablePermits();
    }
}
