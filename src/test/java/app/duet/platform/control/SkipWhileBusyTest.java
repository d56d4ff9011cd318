package app.duet.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SkipWhileBusyTest {

    final SkipWhileBusy guard = new SkipWhileBusy();
    final AtomicInteger runs = new AtomicInteger();

    @Test
    void aTickWhileTheLastStillRunsIsSkippedAndTheNextOneRuns() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread slow = new Thread(() -> guard.run(() -> {
            runs.incrementAndGet();
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        slow.start();
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        assertFalse(guard.run(runs::incrementAndGet), "skipped while the first run waits");
        release.countDown();
        slow.join(10_000);
        assertTrue(guard.run(runs::incrementAndGet), "runs again once the first is done");
        assertEquals(2, runs.get());
    }

    @Test
    void aRunThatThrowsDoesNotLeaveTheGuardBusy() {
        assertThrows(IllegalStateException.class, () -> guard.run(() -> {
            throw new IllegalStateException("database away");
        }));
        assertTrue(guard.run(runs::incrementAndGet));
        assertEquals(1, runs.get());
    }
}
