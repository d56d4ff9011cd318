package app.duet.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.calls.entity.CallRecord;
import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.EndReason;
import app.duet.signaling.entity.PeerEvent;
import app.duet.webhooks.entity.WebhookEvent;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.LocalDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    static final long T0 = 1_700_000_000_000L;

    static JsonObject json(WebhookEvent event) {
        return Json.createReader(new StringReader(event.body())).readObject();
    }

    CallFacts call(String id) {
        CallFacts call = new CallFacts(id);
        call.apply(new CallEvent.Started(id, "room-1", T0, "Ann \"the first\"", "Bén\n"));
        call.apply(new CallEvent.UserKnown(id, true, "user-a"));
        call.apply(new CallEvent.QualityReported(id, false, "relay"));
        return call;
    }

    @Test
    void callStartedCarriesTheCallAsTheAdminApiShowsIt() {
        WebhookEvent event = EventJson.callStarted(call("c-1"));
        JsonObject body = json(event);
        assertEquals(event.id(), body.getString("id"));
        assertEquals("call.started", body.getString("type"));
        assertEquals("2023-11-14T22:13:20Z", body.getString("occurredAt"));
        JsonObject call = body.getJsonObject("call");
        assertEquals("c-1", call.getString("id"));
        assertEquals("room-1", call.getString("room"));
        assertEquals("2023-11-14T22:13:20Z", call.getString("startedAt"));
        assertEquals("Ann \"the first\"", call.getString("firstName"), "escaped by JSON-P, read back whole");
        assertEquals("Bén\n", call.getString("secondName"));
        assertEquals("user-a", call.getString("firstUser"));
        assertTrue(call.isNull("secondUser"));
        assertEquals("relay", call.getString("secondPath"));
        assertTrue(call.isNull("firstPath"));
        assertTrue(call.isNull("endedAt") && call.isNull("durationMs") && call.isNull("endReason"));
    }

    @Test
    void callEndedAddsEndDurationAndReason() {
        CallFacts facts = call("c-2");
        facts.apply(new CallEvent.Ended("c-2", T0 + 61_500, EndReason.HANG_UP));
        JsonObject body = json(EventJson.callEnded(facts));
        assertEquals("call.ended", body.getString("type"));
        assertEquals("2023-11-14T22:14:21.500Z", body.getString("occurredAt"));
        JsonObject call = body.getJsonObject("call");
        assertEquals("2023-11-14T22:14:21.500Z", call.getString("endedAt"));
        assertEquals(61_500, call.getJsonNumber("durationMs").longValue());
        assertEquals("hang-up", call.getString("endReason"));
        assertEquals("Ann \"the first\"", call.getString("firstName"));
        assertTrue(call.isNull("firstSetupMs") && call.isNull("secondRttMs") && call.isNull("firstReconnected"),
                "a page that sent only its path");
    }

    @Test
    void callEndedCarriesEachSidesLastQualityFigures() {
        CallFacts facts = call("c-4");
        facts.apply(new CallEvent.QualityReported("c-4", true, "host", 700, 30, 0, false));
        facts.apply(new CallEvent.QualityReported("c-4", false, "relay", 1_200, 90, 1, true));
        facts.apply(new CallEvent.QualityReported("c-4", false, "relay", null, 95, null, null));
        facts.apply(new CallEvent.Ended("c-4", T0 + 61_500, EndReason.HANG_UP));
        JsonObject call = json(EventJson.callEnded(facts)).getJsonObject("call");
        assertEquals(700, call.getInt("firstSetupMs"));
        assertEquals(30, call.getInt("firstRttMs"));
        assertEquals(0, call.getInt("firstIceRestarts"));
        assertEquals(false, call.getBoolean("firstReconnected"));
        assertEquals(1_200, call.getInt("secondSetupMs"), "a report without it keeps the last one");
        assertEquals(95, call.getInt("secondRttMs"));
        assertEquals(1, call.getInt("secondIceRestarts"));
        assertEquals(true, call.getBoolean("secondReconnected"));
    }

    /** In a cluster the other side's user and path come from the shared history; what the node knows stays. */
    @Test
    void whatTheNodeDoesNotKnowComesFromTheHistory() {
        CallFacts facts = call("c-3");
        // the other node's clock said 23 ms later, and its start reached the history first
        CallRecord record = new CallRecord("c-3", "room-1", LocalDateTime.of(2023, 11, 14, 22, 13, 20, 23_000_000), "Ann", "Ben");
        record.user(true, "someone-else");
        record.user(false, "user-b");
        record.path(true, "host");
        record.path(false, "srflx");
        record.quality(false, 1_300, 70, 0, false);
        facts.fill(record);
        JsonObject call = json(EventJson.callStarted(facts)).getJsonObject("call");
        assertEquals("user-a", call.getString("firstUser"));
        assertEquals("user-b", call.getString("secondUser"));
        assertEquals("host", call.getString("firstPath"));
        assertEquals("relay", call.getString("secondPath"));
        assertEquals("Ann \"the first\"", call.getString("firstName"));
        assertEquals("2023-11-14T22:13:20.023Z", call.getString("startedAt"), "the history's start, as the admin API shows it");

        CallFacts unseen = new CallFacts("c-3");
        unseen.apply(new CallEvent.Ended("c-3", T0 + 1_000, EndReason.CLOSED_BY_ADMIN));
        unseen.fill(record);
        JsonObject ended = json(EventJson.callEnded(unseen)).getJsonObject("call");
        assertEquals("room-1", ended.getString("room"));
        assertEquals(977, ended.getJsonNumber("durationMs").longValue());
        assertEquals(1_300, ended.getInt("secondSetupMs"), "the other node's side, from the history");
        assertEquals(70, ended.getInt("secondRttMs"));
    }

    @Test
    void peerEvents() {
        JsonObject joined = json(EventJson.peer(new PeerEvent.Joined("room-1", "p1", "Ann", null, T0)));
        assertEquals("peer.joined", joined.getString("type"));
        assertEquals("room-1", joined.getString("room"));
        assertEquals("p1", joined.getJsonObject("peer").getString("id"));
        assertEquals("Ann", joined.getJsonObject("peer").getString("name"));
        assertTrue(joined.getJsonObject("peer").isNull("user"));
        JsonObject left = json(EventJson.peer(new PeerEvent.Left("room-1", "p1", "timeout", T0)));
        assertEquals("peer.left", left.getString("type"));
        assertEquals("timeout", left.getString("reason"));
        assertEquals("p1", left.getJsonObject("peer").getString("id"));
    }

    /** Two nodes recording the same event give it the same id; different events never share one. */
    @Test
    void idsComeFromWhatTheEventIsAbout() {
        assertEquals(EventJson.callStarted(call("c-4")).id(), EventJson.callStarted(call("c-4")).id());
        assertEquals(EventJson.peer(new PeerEvent.Joined("r", "p", "A", null, T0)).id(),
                EventJson.peer(new PeerEvent.Joined("r", "p", null, "u", T0 + 5)).id());
        assertNotEquals(EventJson.callStarted(call("c-4")).id(), EventJson.callStarted(call("c-5")).id());
        assertNotEquals(EventJson.callStarted(call("c-4")).id(), EventJson.callEnded(call("c-4")).id());
        assertNotEquals(EventJson.peer(new PeerEvent.Joined("r", "p", null, null, T0)).id(),
                EventJson.peer(new PeerEvent.Left("r", "p", "left", T0)).id());
        UUID.fromString(EventJson.callStarted(call("c-4")).id());
    }
}
