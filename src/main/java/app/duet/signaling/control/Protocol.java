package app.duet.signaling.control;

import app.duet.signaling.entity.ErrorCode;
import app.duet.signaling.entity.LeaveReason;
import app.duet.signaling.entity.PeerInfo;
import app.duet.signaling.entity.SignalingException;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

/**
 * The wire format: checks what peers send and writes what the server sends. Room engines write
 * their messages with the public methods.
 */
public final class Protocol {

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

    /** Reads one frame strictly and checks the fields its type requires (see {@link FrameReader}). */
    static Frame parse(String text) throws SignalingException {
        Frame frame = FrameReader.read(text);
        if (frame.type().equals("join")) {
            name(frame);
        }
        return frame;
    }

    /** The display name of a join, trimmed; null when none is given. */
    static String name(Frame join) throws SignalingException {
        String name = join.name();
        if (name == null) {
            return null;
        }
        name = name.strip();
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > MAX_NAME) {
            throw FrameReader.bad("\"name\" must be 1 to " + MAX_NAME + " characters.");
        }
        return name;
    }

    /** The resume request of a join, or null for a fresh join. */
    static RoomEngine.Resume resume(Frame join) {
        return join.resume() == null ? null : new RoomEngine.Resume(join.resume(), join.received());
    }

    /**
     * The frame the other peer gets: the sender's own text, already read strictly as exactly one
     * JSON object (so its last {@code '}'} closes it), with {@code "from"} added before its closing brace, so nothing is serialized again.
     * A message that brings its own {@code from} is rebuilt, so the sender cannot choose it.
     */
    static String relayed(String text, Frame frame, String from) {
        if (frame.hasFrom()) {
            try (JsonReader reader = READERS.createReader(new StringReader(text))) {
                return BUILDERS.createObjectBuilder(reader.readObject()).add("from", from).build().toString();
            }
        }
        int end = text.lastIndexOf('}');
        return new StringBuilder(text.length() + from.length() + 10).append(text, 0, end)
                .append(",\"from\":\"").append(from).append('"').append(text, end, text.length()).toString();
    }

    public static String joined(Peer self, List<PeerInfo> others, JsonObject ice) {
        var peers = BUILDERS.createArrayBuilder();
        others.forEach(p -> peers.add(peer(p)));
        return ice(BUILDERS.createObjectBuilder()
                .add("type", "joined")
                .add("id", self.id())
                .add("polite", self.polite())
                .add("peers", peers)
                .add("resume", self.resumeToken()), ice)
                .build().toString();
    }

    /** An answer to {@code {"type":"ice-servers"}}: fresh ICE servers, as a {@code joined} carries them. */
    static String iceServers(JsonObject ice) {
        return ice(BUILDERS.createObjectBuilder().add("type", "ice-servers"), ice).build().toString();
    }

    /** {@code iceServers}, {@code iceTransportPolicy} and {@code iceExpiresAt}, when there are ICE servers to give. */
    private static JsonObjectBuilder ice(JsonObjectBuilder message, JsonObject ice) {
        if (ice != null) {
            message.add("iceServers", ice.get("iceServers"))
                    .add("iceTransportPolicy", ice.get("iceTransportPolicy"))
                    .add("iceExpiresAt", ice.get("expiresAt"));
        }
        return message;
    }

    public static String peerJoined(PeerInfo peer) {
        return BUILDERS.createObjectBuilder().add("type", "peer-joined").add("peer", peer(peer)).build().toString();
    }

    public static String peerLeft(String id, LeaveReason reason) {
        return BUILDERS.createObjectBuilder()
                .add("type", "peer-left").add("id", id).add("reason", reason.wire())
                .build().toString();
    }

    public static String error(ErrorCode code, String sentence) {
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
