package app.duet.admin.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    @Test
    void locksAfterFiveFailuresDoublingAndASuccessClears() {
        LoginThrottle throttle = new LoginThrottle();
        for (int i = 0; i < 4; i++) {
            throttle.failed("admin", 0);
            assertFalse(throttle.locked("admin", 0), "free failures: " + (i + 1));
        }
        throttle.failed("admin", 0);
        assertTrue(throttle.locked("admin", 999));
        assertFalse(throttle.locked("admin", 1000), "1 s after the fifth");
        throttle.failed("admin", 1000);
        assertTrue(throttle.locked("admin", 2999));
        assertFalse(throttle.locked("admin", 3000), "2 s after the sixth");
        assertFalse(throttle.locked("someone-else", 1500));
        throttle.succeeded("admin");
        throttle.failed("admin", 5000);
        assertFalse(throttle.locked("admin", 5000), "a success starts the count again");
    }

    @Test
    void theLockNeverExceedsFiveMinutes() {
        LoginThrottle throttle = new LoginThrottle();
        for (int i = 0; i < 60; i++) {
            throttle.failed("x", 0);
        }
        assertTrue(throttle.locked("x", LoginThrottle.MAX_LOCK_MS - 1));
        assertFalse(throttle.locked("x", LoginThrottle.MAX_LOCK_MS));
    }
}
