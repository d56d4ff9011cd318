package app.duet.webhooks.control;

import app.duet.signaling.entity.PeerEvent;
import app.duet.webhooks.entity.WebhookEvent;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The JSON body of each event, built with JSON-P. Every event has {@code id}, {@code type} and
 * {@code occurredAt} (ISO-8601, UTC); call events carry the call as the admin API shows it
 * ({@code api/admin/calls}), peer events the room and the peer. An event's id is derived from what
 * it is about (name-based UUID), so that two nodes recording the same event give it the same id.
 * Every field is bounded (names 64 characters, users 255, room ids 64), so a body stays far below
 * the outbox column (16,000).
 */
final class EventJson {

    static final String CALL_STARTED = "call.started";
    static final String CALL_ENDED = "call.ended";
    static final String PEER_JOINED = "peer.joined";
    static final String PEER_LEFT = "peer.left";

    private EventJson() {
    }

    static WebhookEvent callStarted(CallFacts call) {
        return call(CALL_STARTED, call, call.startedAt);
    }

    static WebhookEvent callEnded(CallFacts call) {
        return call(CALL_ENDED, call, call.endedAt);
    }

    private static WebhookEvent call(String type, CallFacts c, Long at) {
        String id = id(type, c.callId);
        JsonObjectBuilder call = Json.createObjectBuilder().add("id", c.callId);
        put(call, "room", c.room);
        put(call, "startedAt", iso(c.startedAt));
        put(call, "endedAt", iso(c.endedAt));
        if (c.durationMs() == null) {
            call.addNull("durationMs");
        } else {
            call.add("durationMs", c.durationMs());
        }
        put(call, "firstName", c.firstName);
        put(call, "secondName", c.secondName);
        put(call, "firstPath", c.firstPath);
        put(call, "secondPath", c.secondPath);
        put(call, "endReason", c.endReason);
        put(call, "firstUser", c.firstUser);
        put(call, "secondUser", c.secondUser);
        String[] sides = {"first", "second"};
        for (int side = 0; side < 2; side++) {
            number(call, sides[side] + "SetupMs", c.setupMs[side]);
            number(call, sides[side] + "RttMs", c.rttMs[side]);
            number(call, sides[side] + "IceRestarts", c.iceRestarts[side]);
            if (c.reconnected[side] == null) {
                call.addNull(sides[side] + "Reconnected");
            } else {
                call.add(sides[side] + "Reconnected", c.reconnected[side]);
            }
        }
        return new WebhookEvent(id, type, head(id, type, at).add("call", call).build().toString());
    }

    static WebhookEvent peer(PeerEvent event) {
        String type = event instanceof PeerEvent.Joined ? PEER_JOINED : PEER_LEFT;
        String id = id(type, event.room() + '\n' + event.peer());
        JsonObjectBuilder peer = Json.createObjectBuilder().add("id", event.peer());
        JsonObjectBuilder json = head(id, type, event.at()).add("room", event.room());
        if (event instanceof PeerEvent.Joined j) {
            put(peer, "name", j.name());
            put(peer, "user", j.user());
            json.add("peer", peer);
        } else {
            json.add("peer", peer).add("reason", ((PeerEvent.Left) event).reason());
        }
        return new WebhookEvent(id, type, json.build().toString());
    }

    /** The id of the event of {@code type} about {@code subject} (a call id; a room and a peer id). */
    static String id(String type, String subject) {
        return UUID.nameUUIDFromBytes(("duet-webhook\n" + type + '\n' + subject).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static JsonObjectBuilder head(String id, String type, Long at) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("id", id).add("type", type);
        return put(json, "occurredAt", iso(at));
    }

    private static JsonObjectBuilder put(JsonObjectBuilder json, String name, String value) {
        return value == null ? json.addNull(name) : json.add(name, value);
    }

    private static void number(JsonObjectBuilder json, String name, Integer value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    private static String iso(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}
