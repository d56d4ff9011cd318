package app.duet.signaling.control;

import static app.duet.signaling.control.FrameReader.bad;
import static app.duet.signaling.control.FrameReader.duplicate;
import static app.duet.signaling.control.FrameReader.skip;

import app.duet.signaling.entity.SignalingException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

/** The top-level fields of a frame as {@link FrameReader} reads them, checked against the type once the object is read. */
final class FrameFields {

    private static final int TYPE = 1;
    private static final int NAME = 1 << 1;
    private static final int RESUME = 1 << 2;
    private static final int TOKEN = 1 << 3;
    private static final int PATH = 1 << 4;
    private static final int SDP = 1 << 5;
    private static final int RECEIVED = 1 << 6;
    private static final int CANDIDATE = 1 << 7;
    private static final int DATA = 1 << 8;
    private static final int FROM = 1 << 9;

    /**
     * The top-level keys seen, to refuse one given twice without a hash set per frame: a bit
     * for each key the protocol reads, a set (made only when one comes) for any other key.
     */
    private int seen;
    private Set<String> others;
    /** What is wrong with a join field (name, resume, received), reported only for a join. */
    private String joinProblem;
    private String type;
    private String name;
    private String resume;
    private String token;
    private Long received;
    private String path;
    private String sdp;
    private Event candidate;
    private boolean data;
    private boolean from;

    void take(String key, Event value, JsonParser parser) throws SignalingException {
        switch (key) {
            case "type" -> {
                once(TYPE, key);
                type = value == Event.VALUE_STRING ? parser.getString() : null;
            }
            case "name" -> {
                once(NAME, key);
                name = string(key, value, parser);
            }
            case "resume" -> {
                once(RESUME, key);
                resume = string(key, value, parser);
            }
            case "token" -> {
                once(TOKEN, key);
                token = string(key, value, parser);
            }
            case "path" -> {
                once(PATH, key);
                path = string(key, value, parser);
            }
            case "sdp" -> {
                once(SDP, key);
                sdp = string(key, value, parser);
            }
            case "received" -> {
                once(RECEIVED, key);
                received = count(value, parser);
            }
            case "candidate" -> {
                once(CANDIDATE, key);
                candidate = value;
            }
            case "data" -> {
                once(DATA, key);
                data = true;
            }
            case "from" -> {
                once(FROM, key);
                from = true;
            }
            default -> {
                if (others == null) {
                    others = new HashSet<>();
                }
                if (!others.add(key)) {
                    throw duplicate(key);
                }
            }
        }
        if (value == Event.START_OBJECT || value == Event.START_ARRAY) {
            skip(parser, value);
        }
    }

    /** Refuses a second {@code key} (one the protocol reads, known by its bit). */
    private void once(int bit, String key) throws SignalingException {
        if ((seen & bit) != 0) {
            throw duplicate(key);
        }
        seen |= bit;
    }

    private String string(String key, Event value, JsonParser parser) {
        if (value == Event.VALUE_STRING) {
            return parser.getString();
        }
        if (value != Event.VALUE_NULL && joinProblem == null && (key.equals("name") || key.equals("resume") || key.equals("token"))) {
            joinProblem = "\"" + key + "\" must be a string.";
        }
        return null;
    }

    private Long count(Event value, JsonParser parser) {
        if (value == Event.VALUE_NULL) {
            return null;
        }
        if (value == Event.VALUE_NUMBER) {
            BigDecimal number = parser.getBigDecimal();
            if (number.signum() >= 0 && number.stripTrailingZeros().scale() <= 0
                    && number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
                return number.longValueExact();
            }
        }
        joinProblem = joinProblem != null ? joinProblem : "\"received\" must be a whole number of at least 0.";
        return null;
    }

    Frame frame() throws SignalingException {
        if (type == null) {
            throw bad("A message needs a \"type\" field that is a string.");
        }
        if (!FrameReader.TYPES.contains(type)) {
            throw bad("Unknown message type \"" + type + "\".");
        }
        switch (type) {
            case "join" -> {
                if (joinProblem != null) {
                    throw bad(joinProblem);
                }
            }
            case "offer", "answer" -> {
                if (sdp == null) {
                    throw bad("A " + type + " message needs a \"sdp\" string.");
                }
            }
            case "candidate" -> {
                if (candidate != Event.START_OBJECT && candidate != Event.VALUE_NULL) {
                    throw bad("A candidate message needs a \"candidate\" field that is an object or null.");
                }
            }
            case "message" -> {
                if (!data) {
                    throw bad("A message of type \"message\" needs a \"data\" field.");
                }
            }
            case "stats" -> {
                if (path == null || !Protocol.PATHS.contains(path)) {
                    throw bad("A stats message needs a \"path\": one of " + String.join(", ", Protocol.PATHS) + ".");
                }
            }
            default -> {
            }
        }
        return new Frame(type, name, resume, received, path, from, token);
    }
}
