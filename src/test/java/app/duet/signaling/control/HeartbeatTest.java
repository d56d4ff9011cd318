package app.duet.signaling.control;

import app.duet.access.control.Access;
import app.duet.access.control.AccessSettings;

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
        Signaling signaling = new Signaling(settings, rooms, new SignalingMetrics(), ClientLimitSettings.of(Map.of("join.deadline.seconds", "60")),
                new Access(AccessSettings.of(Map.of())), null);
        Heartbeat heartbeat = heartbeat(settings, signaling, rooms);

        FakeLink a = new FakeLink();
        FakeLink b = new FakeLink();
        Client alice = signaling.open(a, "room", null);
        Client bob = signaling.open(b, "room", null);
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

    @Test
    void closesASocketThatHoldsNoSlotPastTheJoinDeadlineAndCountsIt() throws Exception {
        Settings settings = Settings.of(Map.of("heartbeat.seconds", "10", "heartbeat.timeout.seconds", "30"));
        Rooms rooms = new Rooms(settings, e -> { });
        SignalingMetrics metrics = new SignalingMetrics();
        Signaling signaling = new Signaling(settings, rooms, metrics, ClientLimitSettings.of(Map.of("join.deadline.seconds", "5")),
                new Access(AccessSettings.of(Map.of())), null);
        Heartbeat heartbeat = heartbeat(settings, signaling, rooms);

        FakeLink idle = new FakeLink();
        FakeLink joining = new FakeLink();
        FakeLink leaving = new FakeLink();
        Client idler = signaling.open(idle, "room", "203.0.113.1");
        Client joiner = signaling.open(joining, "room", "203.0.113.1");
        Client leaver = signaling.open(leaving, "room", "203.0.113.1");
        long t0 = Math.max(idler.lastSeen(), Math.max(joiner.lastSeen(), leaver.lastSeen()));
        rooms.join(joiner, "room", "j", null);
        rooms.join(leaver, "room", "l", null);
        heartbeat.sweep(t0 + 4 * SECOND);
        assertNull(idle.closedWith, "within the deadline");
        signaling.receive(leaver, "{\"type\":\"leave\"}");
        long left = System.nanoTime();
        heartbeat.sweep(t0 + 5 * SECOND);
        assertEquals(CloseCodes.JOIN_DEADLINE, idle.closedWith, "never joined");
        assertNull(joining.closedWith, "joined");
        assertNull(leaving.closedWith, "left less than the deadline ago");
        heartbeat.sweep(left + 5 * SECOND);
        assertEquals(CloseCodes.JOIN_DEADLINE, leaving.closedWith, "left and stayed without a slot");
        assertNull(joining.closedWith);
        assertEquals(2, metrics.refusals(app.duet.signaling.entity.ClientLimit.JOIN_DEADLINE));
        assertEquals(1, signaling.connections());
    }

    private static Heartbeat heartbeat(Settings settings, Signaling signaling, Rooms rooms) {
        Heartbeat heartbeat = new Heartbeat();
        heartbeat.settings = settings;
        heartbeat.signaling = signaling;
        heartbeat.rooms = rooms;
        heartbeat.limitSettings = signaling.limitSettings;
        heartbeat.limits = signaling.limits;
        return heartbeat;
    }
}
