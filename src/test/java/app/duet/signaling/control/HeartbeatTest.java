package app.duet.signaling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.duet.platform.control.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void pingsASilentSocketOnceAnIntervalAndDropsItAfterTheTimeout() throws Exception {
        Settings settings = Settings.of(Map.of("heartbeat.seconds", "10", "heartbeat.timeout.seconds", "30"));
        Rooms rooms = new Rooms(settings, e -> { });
        Signaling signaling = new Signaling(settings, rooms, new SignalingMetrics());
        Heartbeat heartbeat = new Heartbeat();
        heartbeat.settings = settings;
        heartbeat.signaling = signaling;
        heartbeat.rooms = rooms;

        FakeLink a = new FakeLink();
        FakeLink b = new FakeLink();
        Client alice = signaling.open(a, "room");
        Client bob = signaling.open(b, "room");
        rooms.join(alice, "room", "alice", null);
        rooms.join(bob, "room", "bob", null);
        long t0 = Math.max(alice.lastSeen(), bob.lastSeen());

        heartbeat.sweep(t0 + 9 * SECOND);
        assertEquals(0, a.pings);
        heartbeat.sweep(t0 + 10 * SECOND);
        heartbeat.sweep(t0 + 15 * SECOND);
        assertEquals(1, a.pings, "one ping per interval");
        alice.seen(t0 + 16 * SECOND);
        heartbeat.sweep(t0 + 30 * SECOND);
        assertNull(a.closedWith, "alice answered");
        assertEquals(CloseCodes.TIMEOUT, b.closedWith);
        assertEquals("timeout", a.last().getString("reason"));
        assertEquals(1, signaling.connections());
    }
}
