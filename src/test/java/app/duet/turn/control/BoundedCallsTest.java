package app.duet.turn.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedCallsTest {

    static final Duration DEADLINE = Duration.ofMillis(300);

    final ExecutorService pool = Executors.newCachedThreadPool();
    final BoundedCalls calls = new BoundedCalls(2, DEADLINE);
    /** The database: work waits on it until it is released. */
    final CountDownLatch database = new CountDownLatch(1);

    @AfterEach
    void stop() {
        database.countDown();
        pool.shutdownNow();
    }

    private BoundedCalls.Outcome call(Runnable work) {
        return calls.run(release -> pool.submit(() -> {
            try {
                work.run();
            } finally {
                release.run();
            }
        }));
    }

    private void hang() {
        try {
            database.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void workThatAnswersIsDoneAndFreesItsSlot() {
        for (int i = 0; i < 10; i++) {
            assertEquals(BoundedCalls.Outcome.DONE, call(() -> { }));
        }
        assertEquals(2, calls.available());
        assertEquals(BoundedCalls.Outcome.FAILED, call(() -> {
            throw new IllegalStateException("refused");
        }));
        assertEquals(2, calls.available());
    }

    @Test
    void aHangingDatabaseCostsTheCallerTheDeadlineAtMostAndTheSlotsStayTakenUntilItAnswers() throws Exception {
        long started = System.nanoTime();
        assertEquals(BoundedCalls.Outcome.LATE, call(this::hang));
        long waited = (System.nanoTime() - started) / 1_000_000;
        assertTrue(waited >= DEADLINE.toMillis() && waited < DEADLINE.toMillis() + 1_000, "waited " + waited + " ms");
        assertEquals(BoundedCalls.Outcome.LATE, call(this::hang));
        assertEquals(0, calls.available(), "the late calls still hold their slots");

        started = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertEquals(BoundedCalls.Outcome.BUSY, call(() -> { }));
        }
        long refusing = (System.nanoTime() - started) / 1_000_000;
        assertTrue(refusing < DEADLINE.toMillis(), "100 refusals took " + refusing + " ms: none waited");

        database.countDown();
        app.duet.testing.Await.until("the late calls to end", () -> calls.available() == 2);
        assertEquals(BoundedCalls.Outcome.DONE, call(() -> { }));
    }

    @Test
    void workThatCannotBeHandedOffIsRefusedAndKeepsNoSlot() {
        assertEquals(BoundedCalls.Outcome.FAILED, calls.run(release -> {
            throw new IllegalStateException("no thread");
        }));
        assertEquals(2, calls.available());
    }
}
