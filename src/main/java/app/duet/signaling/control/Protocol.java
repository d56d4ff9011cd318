package app.duet.signaling.control;

import app.duet.signaling.entity.ErrorCode;
import app.duet.signaling.entity.LeaveReason;
import app.duet.signaling.entity.PeerInfo;
import app.duet.signaling.entity.SignalingException;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

/** The wire format: checks what peers send and writes what the server sends. */
final class Protocol {

    static final int MAX_NAME = 64;
    static final List<String> PATHS = List.of("host", "srflx", "relay");

    private static final JsonProvider JSON = JsonProvider.provider();
    /**
     * Johnzon (TomEE's JSON-P) refuses strings over 8 KiB unless told otherwise, which would turn
     * an SDP-sized message into "not valid JSON"; other providers ignore the key. The size check
     * on the whole message comes before parsing, so this only lifts a limit below ours.
     */
    private static final JsonReaderFactory READERS = JSON.createReaderFactory(
            Map.of("org.apache.johnzon.max-string-length", 1024 * 1024));
    private static final JsonBuilderFactory BUILDERS = JSON.createBuilderFactory(Map.of());

    private Protocol() {
    }

    /** Parses one frame and checks the fields its type requires. */
    static JsonObject parse(String text) throws SignalingException {
        JsonObject message;
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw bad("A message must be a JSON object.");
            }
            message = value.asJsonObject();
        } catch (JsonException e) {
            throw bad("The message is not valid JSON.");
        }
        String type = type(message);
        switch (type) {
            case "join" -> {
                name(message);
                resume(message);
            }
            case "offer", "answer" -> requiredString(message, "sdp");
            case "candidate" -> {
                JsonValue candidate = message.get("candidate");
                if (candidate == null || (candidate.getValueType() != JsonValue.ValueType.OBJECT
                        && candidate.getValueType() != JsonValue.ValueType.NULL)) {
                    throw bad("A candidate message needs a \"candidate\" field that is an object or null.");
                }
            }
            case "message" -> {
                if (!message.containsKey("data")) {
                    throw bad("A message of type \"message\" needs a \"data\" field.");
                }
            }
            case "stats" -> path(message);
            case "leave", "ping" -> {
            }
            default -> throw bad("Unknown message type \"" + type + "\".");
        }
        return message;
    }

    static String type(JsonObject message) throws SignalingException {
        JsonValue type = message.get("type");
        if (type == null || type.getValueType() != JsonValue.ValueType.STRING) {
            throw bad("A message needs a \"type\" field that is a string.");
        }
        return message.getString("type");
    }

    /** The display name of a join, trimmed; null when none is given. */
    static String name(JsonObject join) throws SignalingException {
        String name = optionalString(join, "name");
        if (name == null) {
            return null;
        }
        name = name.strip();
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > MAX_NAME) {
            throw bad("\"name\" must be 1 to " + MAX_NAME + " characters.");
        }
        return name;
    }

    /** The media path a stats message reports. */
    static String path(JsonObject stats) throws SignalingException {
        String path = optionalString(stats, "path");
        if (path == null || !PATHS.contains(path)) {
            throw bad("A stats message needs a \"path\": one of " + String.join(", ", PATHS) + ".");
        }
        return path;
    }

    /** The resume request of a join, or null for a fresh join. */
    static RoomEngine.Resume resume(JsonObject join) throws SignalingException {
        String token = optionalString(join, "resume");
        JsonValue received = join.get("received");
        Long count = null;
        if (received != null && received.getValueType() != JsonValue.ValueType.NULL) {
            if (received.getValueType() != JsonValue.ValueType.NUMBER
                    || !((JsonNumber) received).isIntegral() || ((JsonNumber) received).longValue() < 0) {
                throw bad("\"received\" must be a whole number of at least 0.");
            }
            count = ((JsonNumber) received).longValue();
        }
        return token == null ? null : new RoomEngine.Resume(token, count);
    }

    static String optionalString(JsonObject message, String field) throws SignalingException {
        JsonValue value = message.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw bad("\"" + field + "\" must be a string.");
        }
        return message.getString(field);
    }

    private static void requiredString(JsonObject message, String field) throws SignalingException {
        if (optionalString(message, field) == null) {
            throw bad("A " + message.getString("type") + " message needs a \"" + field + "\" string.");
        }
    }

    private static SignalingException bad(String sentence) {
        return new SignalingException(ErrorCode.BAD_MESSAGE, sentence);
    }

    /**
     * The frame the other peer gets: the sender's own text, already parsed and checked as a JSON
     * object, with {@code "from"} added before its closing brace, so nothing is serialized again.
     * A message that brings its own {@code from} is rebuilt, so the sender cannot choose it.
     */
    static String relayed(String text, JsonObject message, String from) {
        if (message.containsKey("from")) {
            return BUILDERS.createObjectBuilder(message).add("from", from).build().toString();
        }
        int end = text.lastIndexOf('}');
        return new StringBuilder(text.length() + from.length() + 10).append(text, 0, end)
                .append(",\"from\":\"").append(from).append('"').append(text, end, text.length()).toString();
    }

    static String joined(Peer self, List<PeerInfo> others) {
        var peers = BUILDERS.createArrayBuilder();
        others.forEach(p -> peers.add(peer(p)));
        return BUILDERS.createObjectBuilder()
                .add("type", "joined")
                .add("id", self.id())
                .add("polite", self.polite)
                .add("peers", peers)
                .add("resume", self.resumeToken)
                .build().toString();
    }

    static String peerJoined(PeerInfo peer) {
        return BUILDERS.createObjectBuilder().add("type", "peer-joined").add("peer", peer(peer)).build().toString();
    }

    static String peerLeft(String id, LeaveReason reason) {
        return BUILDERS.createObjectBuilder()
                .add("type", "peer-left").add("id", id).add("reason", reason.wire())
                .build().toString();
    }

    static String error(ErrorCode code, String sentence) {
        return BUILDERS.createObjectBuilder()
                .add("type", "error").add("code", code.code()).add("message", sentence)
                .build().toString();
    }

    static String pong() {
        return "{\"type\":\"pong\"}";
    }

    private static JsonObjectBuilder peer(PeerInfo peer) {
        JsonObjectBuilder builder = BUILDERS.createObjectBuilder().add("id", peer.id());
        return peer.name() == null ? builder.addNull("name") : builder.add("name", peer.name());
    }
}
