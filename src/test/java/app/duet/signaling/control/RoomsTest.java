package app.duet.signaling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.platform.control.Settings;
import app.duet.signaling.entity.ErrorCode;
import app.duet.signaling.entity.LeaveReason;
import app.duet.signaling.entity.Quality;
import app.duet.signaling.entity.SignalingException;
import jakarta.json.JsonObject;
import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.EndReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RoomsTest {

    static final long SECOND = 1_000_000_000L;

    final Settings settings = Settings.of(Map.of("resume.grace.seconds", "15", "resume.buffer", "4"));
    final List<CallEvent> events = new ArrayList<>();
    final Rooms rooms = new Rooms(settings, events::add);

    Client client(FakeLink link) {
        return new Client(link, "room", new TokenBucket(100, 10, 0), 0);
    }

    Client joined(FakeLink link, String name) throws SignalingException {
        Client client = client(link);
        rooms.join(client, "room", name, null);
        return client;
    }

    @Test
    void rolesNeverClashAndAThirdPeerIsRefused() throws Exception {
        FakeLink a = new FakeLink();
        FakeLink b = new FakeLink();
        Client alice = joined(a, "alice");
        joined(b, "bob");
        assertFalse(a.messages().get(0).getBoolean("polite"));
        assertTrue(b.messages().get(0).getBoolean("polite"));
        SignalingException full = assertThrows(SignalingException.class, () -> joined(new FakeLink(), "carol"));
        assertEquals(ErrorCode.ROOM_FULL, full.code());
        assertTrue(full.code().closes());

        rooms.free(alice, LeaveReason.LEFT);
        FakeLink c = new FakeLink();
        joined(c, "carol");
        assertFalse(c.messages().get(0).getBoolean("polite"), "bob is polite, so the newcomer is not");
    }

    @Test
    void relayNeedsAJoinAndAPeer() throws Exception {
        Client loner = client(new FakeLink());
        assertEquals(ErrorCode.NOT_JOINED, assertThrows(SignalingException.class, () -> rooms.relay(loner, "{}")).code());
        rooms.join(loner, "room", (String) null, null);
        assertEquals(ErrorCode.NO_PEER, assertThrows(SignalingException.class, () -> rooms.relay(loner, "{}")).code());
        assertEquals(ErrorCode.ALREADY_JOINED,
                assertThrows(SignalingException.class, () -> rooms.join(loner, "room", (String) null, null)).code());
    }

    @Test
    void leavingFreesTheSlotTellsThePeerAndAnEmptyRoomIsRemoved() throws Exception {
        FakeLink a = new FakeLink();
        Client alice = joined(a, "alice");
        Client bob = joined(new FakeLink(), "bob");
        assertEquals(1, rooms.count());
        rooms.free(bob, LeaveReason.LEFT);
        JsonObject left = a.last();
        assertEquals("peer-left", left.getString("type"));
        assertEquals("left", left.getString("reason"));
        rooms.free(alice, LeaveReason.LEFT);
        assertEquals(0, rooms.count());
    }

    @Test
    void aDroppedPeerKeepsItsSlotUntilTheGraceEnds() throws Exception {
        FakeLink a = new FakeLink();
        joined(a, "alice");
        Client bob = joined(new FakeLink(), "bob");
        rooms.dropped(bob, 100 * SECOND);
        rooms.expire(114 * SECOND);
        assertEquals("peer-joined", a.last().getString("type"), "nothing told within the grace");
        assertEquals(ErrorCode.ROOM_FULL, assertThrows(SignalingException.class, () -> joined(new FakeLink(), "x")).code());
        rooms.expire(115 * SECOND);
        assertEquals("disconnected", a.last().getString("reason"));
        joined(new FakeLink(), "carol");
    }

    @Test
    void resumeReplaysWhatThePeerMissedAndKeepsIdAndRole() throws Exception {
        FakeLink a = new FakeLink();
        Client alice = joined(a, "alice");
        FakeLink b = new FakeLink();
        Client bob = joined(b, "bob");
        JsonObject bobJoined = b.messages().get(0);
        rooms.relay(alice, "{\"type\":\"message\",\"data\":1}");
        rooms.relay(alice, "{\"type\":\"message\",\"data\":2}");
        // bob got only the first before his socket died; the server has not noticed yet
        FakeLink b2 = new FakeLink();
        Client bobAgain = client(b2);
        rooms.join(bobAgain, "room", (String) null, new Rooms.Resume(bobJoined.getString("resume"), 1L));
        assertEquals(1, b.closedWith == null ? 0 : 1, "the old socket is closed as replaced");
        assertEquals(CloseCodes.REPLACED, b.closedWith);
        List<JsonObject> got = b2.messages();
        assertEquals("joined", got.get(0).getString("type"));
        assertEquals(bobJoined.getString("id"), got.get(0).getString("id"));
        assertTrue(got.get(0).getBoolean("polite"));
        assertEquals(2, got.get(1).getInt("data"));
        assertEquals(2, got.size());
        assertNull(bob.membership(), "the replaced client no longer holds the slot");
        assertEquals(ErrorCode.NOT_JOINED, assertThrows(SignalingException.class, () -> rooms.relay(bob, "{}")).code());
        rooms.relay(bobAgain, "{\"type\":\"answer\"}");
        assertEquals("answer", a.last().getString("type"));
    }

    @Test
    void aPeerAwayTooLongBehindGetsNoMoreThanTheBufferAndTheSenderIsTold() throws Exception {
        Client alice = joined(new FakeLink(), "alice");
        Client bob = joined(new FakeLink(), "bob");
        rooms.dropped(bob, 0);
        for (int i = 0; i < 4; i++) {
            rooms.relay(alice, "{\"n\":" + i + "}");
        }
        assertEquals(ErrorCode.NO_PEER, assertThrows(SignalingException.class, () -> rooms.relay(alice, "{}")).code());
    }

    @Test
    void anUnknownResumeTokenIsRefusedAndLeavesNoEmptyRoom() {
        Client stranger = client(new FakeLink());
        SignalingException e = assertThrows(SignalingException.class,
                () -> rooms.join(stranger, "room", (String) null, new Rooms.Resume("nope", null)));
        assertEquals(ErrorCode.BAD_RESUME, e.code());
        assertEquals(0, rooms.count());
    }

    @Test
    void concurrentJoinsFillARoomWithExactlyTwoOfOppositeRolesAndRefuseTheRestAsFull() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 200; round++) {
                Rooms fresh = new Rooms(settings, e -> { });
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> joins = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    joins.add(pool.submit(() -> {
                        start.await();
                        FakeLink link = new FakeLink();
                        fresh.join(client(link), "room", (String) null, null);
                        return link.messages().get(0).getBoolean("polite");
                    }));
                }
                start.countDown();
                // outcomes are read here, on the test thread, so that a wrong one fails the test
                List<Boolean> admittedPolite = new ArrayList<>();
                List<ErrorCode> refused = new ArrayList<>();
                for (Future<Boolean> join : joins) {
                    try {
                        admittedPolite.add(join.get(10, TimeUnit.SECONDS));
                    } catch (ExecutionException e) {
                        refused.add(assertInstanceOf(SignalingException.class, e.getCause()).code());
                    }
                }
                String at = "round " + round;
                assertEquals(2, admittedPolite.size(), at);
                assertEquals(Set.of(false, true), Set.copyOf(admittedPolite), at + ": one impolite, one polite");
                assertEquals(Collections.nCopies(6, ErrorCode.ROOM_FULL), refused, at);
                assertEquals(2, fresh.peerCount(), at);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCallStartsWithTheSecondPeerAndEndsWhenOneLeavesForGood() throws Exception {
        Client alice = joined(new FakeLink(), "alice");
        assertTrue(events.isEmpty(), "one peer is no call");
        FakeLink bobLink = new FakeLink();
        Client bob = joined(bobLink, "bob");
        bobToken = bobLink.messages().get(0).getString("resume");
        CallEvent.Started started = (CallEvent.Started) events.get(0);
        assertEquals("room", started.room());
        assertEquals("alice", started.firstName());
        assertEquals("bob", started.secondName());

        rooms.reportQuality(bob, Quality.path("relay"));
        rooms.reportQuality(alice, Quality.path("host"));
        assertEquals(new CallEvent.QualityReported(started.callId(), false, "relay"), events.get(1));
        assertEquals(new CallEvent.QualityReported(started.callId(), true, "host"), events.get(2));
        rooms.reportQuality(alice, Quality.path("host"));
        assertEquals(3, events.size(), "the same report again is no event");

        // a blip and a resume are the same call
        rooms.dropped(bob, 0);
        rooms.join(client(new FakeLink()), "room", (String) null, new Rooms.Resume(bobToken(), null));
        assertEquals(3, events.size());

        // the hang-up report comes right before the leave: passed on at once or held back and
        // flushed before the end, never lost
        Quality last = new Quality("host", 900, 40, 1, true);
        rooms.reportQuality(alice, last);
        rooms.free(alice, LeaveReason.LEFT);
        assertEquals(new CallEvent.QualityReported(started.callId(), true, last), events.get(3));
        CallEvent.Ended ended = (CallEvent.Ended) events.get(4);
        assertEquals(started.callId(), ended.callId());
        assertEquals(EndReason.HANG_UP, ended.reason());

        joined(new FakeLink(), "carol");
        CallEvent.Started second = (CallEvent.Started) events.get(5);
        assertEquals("bob", second.firstName(), "bob stayed: he is first in the new call");
        assertTrue(!second.callId().equals(started.callId()));
    }

    @Test
    void graceExpiryAndTimeoutEndTheCallWithTheirReasons() throws Exception {
        joined(new FakeLink(), "alice");
        Client bob = joined(new FakeLink(), "bob");
        rooms.dropped(bob, 0);
        rooms.expire(16 * SECOND);
        assertEquals(EndReason.DISCONNECT, ((CallEvent.Ended) events.get(1)).reason());
        Client carol = joined(new FakeLink(), "carol");
        rooms.free(carol, LeaveReason.TIMEOUT);
        assertEquals(EndReason.TIMEOUT, ((CallEvent.Ended) events.get(3)).reason());
    }

    private String bobToken;

    private String bobToken() {
        return bobToken;
    }
}
