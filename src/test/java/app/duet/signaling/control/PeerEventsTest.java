package app.duet.signaling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.duet.platform.control.Settings;
import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.LeaveReason;
import app.duet.signaling.entity.PeerEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The peer events the in-memory engine fires, in order with the call events (webhooks rely on both). */
class PeerEventsTest {

    final List<Object> events = new ArrayList<>();
    final Rooms rooms = new Rooms(Settings.of(Map.of("resume.grace.seconds", "15")), events::add, events::add);

    Client join(String name, String user) throws Exception {
        Client client = new Client(new FakeLink(), "room", new TokenBucket(100, 10, 0), 0);
        rooms.join(client, "room", new RoomEngine.Entry(name, user, null), null);
        return client;
    }

    static String describe(Object event) {
        if (event instanceof PeerEvent.Joined j) {
            return "joined " + j.room() + " " + j.name() + " " + j.user();
        }
        if (event instanceof PeerEvent.Left l) {
            return "left " + l.room() + " " + l.reason();
        }
        return event.getClass().getSimpleName();
    }

    @Test
    void joinsComeBeforeTheCallAndLeavesBeforeItsEnd() throws Exception {
        join("Ann", "u-ann");
        Client ben = join("Ben", null);
        rooms.free(ben, LeaveReason.LEFT);
        assertEquals(List.of("joined room Ann u-ann", "joined room Ben null", "Started", "UserKnown", "left room left", "Ended"),
                events.stream().map(PeerEventsTest::describe).toList());
        PeerEvent.Left left = (PeerEvent.Left) events.get(4);
        assertEquals(((PeerEvent.Joined) events.get(1)).peer(), left.peer(), "Ben left");
    }

    @Test
    void aResumeIsNoJoinAndAnExpiredSlotLeavesAsDisconnected() throws Exception {
        join("Ann", null);
        Client ben = join("Ben", null);
        String resume = ((FakeLink) ben.link()).messages().get(0).getString("resume");
        rooms.dropped(ben, 0);
        Client again = new Client(new FakeLink(), "room", new TokenBucket(100, 10, 0), 0);
        rooms.join(again, "room", new RoomEngine.Entry(null, null, null), new RoomEngine.Resume(resume, null));
        rooms.dropped(again, 0);
        rooms.expire(16_000_000_000L);
        assertEquals(List.of("joined room Ann null", "joined room Ben null", "Started", "left room disconnected", "Ended"),
                events.stream().map(PeerEventsTest::describe).toList());
    }

    @Test
    void closingARoomLetsEachPeerLeave() throws Exception {
        join("Ann", null);
        join("Ben", null);
        events.clear();
        rooms.close("room");
        assertEquals(List.of("left room closed-by-admin", "left room closed-by-admin", "Ended"),
                events.stream().map(PeerEventsTest::describe).toList());
        assertEquals(CallEvent.Ended.class, events.get(2).getClass());
    }
}
