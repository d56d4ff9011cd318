package app.duet.turn.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LiveUsersTest {

    @Test
    void atMostMaxLiveAndRoomAgainOnceTheFirstExpire() {
        LiveUsers live = new LiveUsers(2);
        assertTrue(live.reserve(1_000, 0));
        assertTrue(live.reserve(2_000, 10));
        assertFalse(live.reserve(3_000, 20));
        assertEquals(1, live.refused());
        live.release(2_000);
        assertTrue(live.reserve(3_000, 30), "a user not written gives its place back");
        assertFalse(live.reserve(3_100, 999));
        assertTrue(live.reserve(4_000, 1_000), "the first expired at 1,000");
        assertEquals(2, live.live(1_000));
        assertEquals(0, live.live(5_000));
    }
}
