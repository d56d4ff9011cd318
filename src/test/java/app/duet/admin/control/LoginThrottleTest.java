package app.duet.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static void fail(LoginThrottle throttle, String name, long now) {
        assertNotNull(throttle.admit(name, true, now), name + " admitted at " + now);
    }

    @Test
    void locksAfterFiveFailuresDoublingAndASuccessClears() {
        LoginThrottle throttle = new LoginThrottle();
        for (int i = 0; i < 4; i++) {
            fail(throttle, "admin", 0);
            assertFalse(throttle.locked("admin", 0), "free failures: " + (i + 1));
        }
        fail(throttle, "admin", 0);
        assertTrue(throttle.locked("admin", 999));
        assertNull(throttle.admit("admin", true, 999), "locked: refused without a check");
        assertFalse(throttle.locked("admin", 1000), "1 s after the fifth");
        fail(throttle, "admin", 1000);
        assertTrue(throttle.locked("admin", 2999));
        assertFalse(throttle.locked("admin", 3000), "2 s after the sixth");
        assertFalse(throttle.locked("someone-else", 1500));
        throttle.succeeded(throttle.admit("admin", true, 3000));
        fail(throttle, "admin", 5000);
        assertFalse(throttle.locked("admin", 5000), "a success starts the count again");
    }

    @Test
    void theLockNeverExceedsFiveMinutes() {
        LoginThrottle throttle = new LoginThrottle();
        long now = 0;
        for (int i = 0; i < 60; i++) {
            LoginThrottle.Attempt attempt = throttle.admit("x", true, now);
            assertNotNull(attempt);
            now = Math.max(now, now + 1);
            while (throttle.locked("x", now)) {
                now += 1000;
            }
        }
        LoginThrottle.Attempt last = throttle.admit("x", true, now);
        assertNotNull(last);
        assertTrue(throttle.locked("x", now + LoginThrottle.MAX_LOCK_MS - 1));
        assertFalse(throttle.locked("x", now + LoginThrottle.MAX_LOCK_MS));
    }

    /** The check-then-act race of issue 13: 40 threads released at once at a fresh name; 5 admitted. */
    @Test
    void attemptsInFlightCount() throws Exception {
        LoginThrottle throttle = new LoginThrottle();
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> admitted = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                admitted.add(pool.submit(() -> {
                    go.await();
                    return throttle.admit("admin", true, 0) != null;
                }));
            }
            go.countDown();
            int count = 0;
            for (Future<Boolean> f : admitted) {
                count += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(LoginThrottle.FREE_FAILURES, count, "admitted of 40 at once (none reported back yet)");
            assertEquals(LoginThrottle.FREE_FAILURES, throttle.checks());
            assertEquals(35, throttle.lockedRefusals());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void guessesAtNamesThatAreNoAccountShareABudgetThatAccountsDoNotWaitFor() {
        LoginThrottle throttle = new LoginThrottle();
        int admitted = 0;
        for (int i = 0; i < 100; i++) {
            admitted += throttle.admit("guess-" + i, false, 0) != null ? 1 : 0;
        }
        assertEquals(LoginThrottle.MISS_BURST, admitted, "at once: the burst");
        assertNull(throttle.admit("guess-x", false, 0));
        assertNotNull(throttle.admit("admin", true, 0), "an account is checked while the budget is spent");
        assertNotNull(throttle.admit("guess-y", false, 1000 / LoginThrottle.MISSES_PER_SECOND), "refilled");
        assertNull(throttle.admit("guess-z", false, 1000 / LoginThrottle.MISSES_PER_SECOND));
        assertEquals(LoginThrottle.MISS_BURST + 2, throttle.checks());
    }

    /** Issue 13: past 10,000 tracked names the admin's failure count was evicted. */
    @Test
    void aFailingNameIsNeverEvictedAndNamesPastTheBoundShareOneEntry() {
        LoginThrottle throttle = new LoginThrottle();
        for (int i = 0; i < 5; i++) {
            fail(throttle, "admin", 0);
        }
        fail(throttle, "quiet-failer", 0);
        long now = 2_000; // admin's 1 s lock has run out; its 5 failures have not
        for (int i = 0; throttle.tracked() < LoginThrottle.MAX_TRACKED; i++) {
            throttle.admit("filler-" + i, false, now);
        }
        for (int i = 0; i < 1000; i++) {
            throttle.admit("more-" + i, false, now + i);
        }
        assertTrue(throttle.tracked() <= LoginThrottle.MAX_TRACKED + 1, "tracked: " + throttle.tracked());
        fail(throttle, "admin", now);
        assertTrue(throttle.locked("admin", now + 1999), "the 6th failure locks admin 2 s: its count was kept");
        fail(throttle, "quiet-failer", now);
        fail(throttle, "quiet-failer", now);
        fail(throttle, "quiet-failer", now);
        fail(throttle, "quiet-failer", now);
        assertTrue(throttle.locked("quiet-failer", now), "its first failure was kept too");
        assertTrue(throttle.locked(LoginThrottle.OVERFLOW, now + 1000), "names past the bound share one entry, locked by their failures");
        assertNull(throttle.admit("one-more", false, now + 1000));
        fail(throttle, "an-account", now + 1000);
    }

    @Test
    void quietNamesAreForgottenAnHourAfterTheirLastFailureOrLockWhenRoomIsNeeded() {
        LoginThrottle throttle = new LoginThrottle();
        for (int i = 0; i < LoginThrottle.MAX_TRACKED; i++) {
            throttle.admit("old-" + i, true, 0);
        }
        long later = LoginThrottle.FORGET_AFTER_MS;
        assertNotNull(throttle.admit("new-name", false, later));
        assertEquals(1, throttle.tracked(), "the old names were swept out");
        assertFalse(throttle.locked(LoginThrottle.OVERFLOW, later));
    }

    @Test
    void namesTooLongForAnAccountShareTheOverflowEntry() {
        LoginThrottle throttle = new LoginThrottle();
        for (int i = 0; i < 5; i++) {
            throttle.admit("x".repeat(65) + i, false, 0);
        }
        assertTrue(throttle.locked(LoginThrottle.OVERFLOW, 0));
        assertEquals(1, throttle.tracked());
    }
}
