package app.duet.signaling.control;

import app.duet.signaling.entity.ErrorCode;
import app.duet.signaling.entity.Quality;
import app.duet.signaling.entity.SignalingException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Reads a client frame in one streaming pass (JSON-P's {@link JsonParser}, no tree): the frame
 * must be exactly one JSON object, with no content after it, no key twice in any object and at
 * most {@link #MAX_DEPTH} levels of nesting; every parser failure, whatever the JSON-P provider
 * throws, is a {@code bad-message}. Then the fields the message's type needs are checked. A
 * stats message's figures are whole numbers within bounds and {@code reconnected} a boolean, each
 * optional (older pages send only the path): anything else is refused, never stored.
 */
final class FrameReader {

    /** Deeper than any SDP, candidate or application message needs; bounds the parser's work. */
    static final int MAX_DEPTH = 32;
    static final List<String> TYPES = List.of("join", "offer", "answer", "candidate", "message", "leave", "ping", "stats", "ice-servers");

    /**
     * Johnzon (TomEE's JSON-P) refuses strings over 8 KiB unless told otherwise, which would turn
     * an SDP-sized message into "not valid JSON"; other providers ignore the key. The size check
     * on the whole message comes before parsing, so this only lifts a limit below ours.
     */
    private static final JsonParserFactory PARSERS = JsonProvider.provider().createParserFactory(
            Map.of("org.apache.johnzon.max-string-length", 1024 * 1024));

    private FrameReader() {
    }

    static Frame read(String text) throws SignalingException {
        Fields fields = new Fields();
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != Event.START_OBJECT) {
                throw bad("A message must be a JSON object.");
            }
            readObject(parser, fields);
            if (trailing(parser)) {
                throw bad("A message must be one JSON object with nothing after it.");
            }
        } catch (SignalingException e) {
            throw e;
        } catch (RuntimeException e) {
            // JsonParsingException, or whatever else a provider throws (Parsson: a plain
            // RuntimeException past its own depth limit): never an internal error, never logged
            throw bad("The message is not valid JSON.");
        }
        return fields.frame();
    }

    /** The top-level object, after its START_OBJECT: remembers the fields the protocol reads. */
    private static void readObject(JsonParser parser, Fields fields) throws SignalingException {
        ObjectKeys keys = new ObjectKeys();
        for (Event event = parser.next(); event != Event.END_OBJECT; event = parser.next()) {
            String key = parser.getString();
            if (!keys.add(key)) {
                throw duplicate(key);
            }
            fields.take(key, parser.next(), parser);
        }
    }

    /** Skips a nested value whose START event was just read, checking keys and depth. */
    static void skip(JsonParser parser, Event start) throws SignalingException {
        Deque<ObjectKeys> objects = new ArrayDeque<>(8);
        objects.push(start == Event.START_OBJECT ? new ObjectKeys() : ObjectKeys.ARRAY);
        while (!objects.isEmpty()) {
            if (objects.size() + 1 > MAX_DEPTH) {
                throw bad("A message may be nested at most " + MAX_DEPTH + " levels deep.");
            }
            switch (parser.next()) {
                case KEY_NAME -> {
                    if (!objects.peek().add(parser.getString())) {
                        throw duplicate(parser.getString());
                    }
                }
                case START_OBJECT -> objects.push(new ObjectKeys());
                case START_ARRAY -> objects.push(ObjectKeys.ARRAY);
                case END_OBJECT, END_ARRAY -> objects.pop();
                default -> {
                }
            }
        }
    }

    private static boolean trailing(JsonParser parser) {
        try {
            return parser.hasNext();
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static SignalingException duplicate(String key) {
        return bad("A message may not have the key \"" + key + "\" twice.");
    }

    static SignalingException bad(String sentence) {
        return new SignalingException(ErrorCode.BAD_MESSAGE, sentence);
    }

    /** The top-level fields as they come, checked against the type once the object is read. */
    private static final class Fields {
        /** What is wrong with a join field (name, resume, received), reported only for a join. */
        private String joinProblem;
        private String type;
        private boolean typeSeen;
        private String name;
        private String resume;
        private String token;
        private Long received;
        private String path;
        /** What is wrong with a stats figure, reported only for a stats message. */
        private String statsProblem;
        private Integer setupMs;
        private Integer rttMs;
        private Integer iceRestarts;
        private Boolean reconnected;
        /** Only whether it is a string matters: the SDP itself is relayed as received. */
        private boolean sdp;
        private Event candidate;
        private boolean data;
        private boolean from;

        void take(String key, Event value, JsonParser parser) throws SignalingException {
            switch (key) {
                case "type" -> {
                    typeSeen = true;
                    type = value == Event.VALUE_STRING ? parser.getString() : null;
                }
                case "name" -> name = string(key, value, parser);
                case "resume" -> resume = string(key, value, parser);
                case "token" -> token = string(key, value, parser);
                case "path" -> path = string(key, value, parser);
                case "sdp" -> sdp = value == Event.VALUE_STRING;
                case "received" -> received = count(value, parser);
                case "setupMs" -> setupMs = figure(key, value, parser, Quality.MAX_SETUP_MS);
                case "rttMs" -> rttMs = figure(key, value, parser, Quality.MAX_RTT_MS);
                case "iceRestarts" -> iceRestarts = figure(key, value, parser, Quality.MAX_ICE_RESTARTS);
                case "reconnected" -> reconnected = flag(value);
                case "candidate" -> candidate = value;
                case "data" -> data = true;
                case "from" -> from = true;
                default -> {
                }
            }
            if (value == Event.START_OBJECT || value == Event.START_ARRAY) {
                skip(parser, value);
            }
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

        /** A stats figure: null (not reported) or a whole number from 0 to {@code max}. */
        private Integer figure(String key, Event value, JsonParser parser, int max) {
            if (value == Event.VALUE_NULL) {
                return null;
            }
            if (value == Event.VALUE_NUMBER) {
                BigDecimal number = parser.getBigDecimal();
                // the bound first: a huge exponent is cheap to compare, not to strip
                if (number.signum() >= 0 && number.compareTo(BigDecimal.valueOf(max)) <= 0
                        && number.stripTrailingZeros().scale() <= 0) {
                    return number.intValueExact();
                }
            }
            statsProblem = statsProblem != null ? statsProblem
                    : "\"" + key + "\" must be a whole number from 0 to " + max + ".";
            return null;
        }

        private Boolean flag(Event value) {
            return switch (value) {
                case VALUE_TRUE -> true;
                case VALUE_FALSE -> false;
                case VALUE_NULL -> null;
                default -> {
                    statsProblem = statsProblem != null ? statsProblem : "\"reconnected\" must be true or false.";
                    yield null;
                }
            };
        }

        Frame frame() throws SignalingException {
            if (!typeSeen || type == null) {
                throw bad("A message needs a \"type\" field that is a string.");
            }
            if (!TYPES.contains(type)) {
                throw bad("Unknown message type \"" + type + "\".");
            }
            switch (type) {
                case "join" -> {
                    if (joinProblem != null) {
                        throw bad(joinProblem);
                    }
                }
                case "offer", "answer" -> {
                    if (!sdp) {
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
                    if (statsProblem != null) {
                        throw bad(statsProblem);
                    }
                    return new Frame(type, name, resume, received, path, from, token,
                            new Quality(path, setupMs, rttMs, iceRestarts, reconnected));
                }
                default -> {
                }
            }
            return new Frame(type, name, resume, received, path, from, token, null);
        }
    }
}
