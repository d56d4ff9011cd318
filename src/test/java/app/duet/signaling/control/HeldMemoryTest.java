package app.duet.signaling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The shared budget: exact at its edge, and never passed by threads racing for it. */
class HeldMemoryTest {

    private static final long BUDGET = 1 << 20;

    @Test
    void theBudgetIsExactAtItsEdge() {
        HeldMemory memory = HeldMemory.withBudget(BUDGET);
        assertTrue(memory.reserve(BUDGET - 10));
        assertTrue(memory.reserve(10), "the last bytes of the budget are given");
        assertFalse(memory.reserve(1), "one byte past it is refused");
        assertEquals(BUDGET, memory.held());
        assertEquals(1, memory.refusals());
        memory.release(BUDGET);
        assertEquals(0, memory.held());
        assertTrue(memory.reserve(BUDGET), "all of it again once released");
    }

    @Test
    void bytesReservedOnOneThreadAndReleasedOnAnotherLeaveNothingHeld() throws Exception {
        HeldMemory memory = HeldMemory.withBudget(BUDGET);
        ExecutorService receiver = Executors.newSingleThreadExecutor();
        try {
            // a frame is queued on the sender's thread and given back when the receiver's has written it
            for (int i = 0; i < 10_000; i++) {
                assertTrue(memory.reserve(400));
                receiver.submit(() -> memory.release(400)).get();
            }
            assertEquals(0, memory.held());
            assertEquals(0, memory.refusals());
        } finally {
            receiver.shutdownNow();
        }
    }

    @Test
    void threadsRacingForTheBudgetNeverHoldMoreThanIt() throws Exception {
        HeldMemory memory = HeldMemory.withBudget(BUDGET);
        int threads = 8;
        AtomicLong heldByThreads = new AtomicLong();
        AtomicLong most = new AtomicLong();
        CountDownLatch filled = new CountDownLatch(threads);
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                workers.add(CompletableFuture.runAsync(() -> {
                    Racer racer = new Racer(memory, heldByThreads, most);
                    // each thread fills up to 60 frames, all together 1.44 MB of a 1 MiB budget ...
                    while (racer.frames < 60 && racer.take()) {
                        // until full or refused
                    }
                    filled.countDown();
                    try {
                        filled.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    // ... then they all churn at the edge of the budget
                    for (int i = 0; i < 50_000; i++) {
                        if ((racer.frames == 60 || !racer.take()) && racer.frames > 0) {
                            racer.give();
                        }
                    }
                    while (racer.frames > 0) {
                        racer.give();
                    }
                }, pool));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdownNow();
        }
        assertTrue(memory.refusals() > 0, "the threads wanted more than the budget");
        assertTrue(most.get() <= BUDGET, "at most the budget held at once: " + most.get());
        assertEquals(0, memory.held(), "everything given back");
        assertTrue(memory.reserve(BUDGET), "and all of it can be reserved again");
    }

    /** One racing thread's frames; what all of them hold is counted after each reservation and before each release. */
    private static final class Racer {

        private static final long FRAME = 3_000;

        private final HeldMemory memory;
        private final AtomicLong heldByThreads;
        private final AtomicLong most;
        int frames;

        Racer(HeldMemory memory, AtomicLong heldByThreads, AtomicLong most) {
            this.memory = memory;
            this.heldByThreads = heldByThreads;
            this.most = most;
        }

        boolean take() {
            if (!memory.reserve(FRAME)) {
                return false;
            }
            frames++;
            most.accumulateAndGet(heldByThreads.addAndGet(FRAME), Math::max);
            return true;
        }

        void give() {
            frames--;
            heldByThreads.addAndGet(-FRAME);
            memory.release(FRAME);
        }
    }
}
