package app.duet.signaling.control;

import app.duet.signaling.entity.ErrorCode;
import app.duet.signaling.entity.SignalingException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a client frame in one streaming pass (JSON-P's {@link JsonParser}, no tree): the frame
 * must be exactly one JSON object, with no content after it, no key twice in any object and at
 * most {@link #MAX_DEPTH} levels of nesting; every parser failure, whatever the JSON-P provider
 * throws, is a {@code bad-message}. Then the fields the message's type needs are checked.
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
        FrameFields fields = new FrameFields();
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
    private static void readObject(JsonParser parser, FrameFields fields) throws SignalingException {
        for (Event event = parser.next(); event != Event.END_OBJECT; event = parser.next()) {
            fields.take(parser.getString(), parser.next(), parser);
        }
    }

    /**
     * Skips a nested value whose START event was just read, checking keys and depth. The levels
     * that enclose the current one are stacked only for a value nested deeper than one level: the
     * values a call sends (a candidate, application data) are mostly flat, and this runs per frame.
     */
    static void skip(JsonParser parser, Event start) throws SignalingException {
        Set<String> keys = start == Event.START_OBJECT ? new HashSet<>() : Set.of();
        Deque<Set<String>> outer = null;
        int depth = 1;
        while (depth > 0) {
            if (depth + 1 > MAX_DEPTH) {
                throw bad("A message may be nested at most " + MAX_DEPTH + " levels deep.");
            }
            Event event = parser.next();
            switch (event) {
                case KEY_NAME -> {
                    if (!keys.add(parser.getString())) {
                        throw duplicate(parser.getString());
                    }
                }
                case START_OBJECT, START_ARRAY -> {
                    if (outer == null) {
                        outer = new ArrayDeque<>();
                    }
                    outer.push(keys);
                    keys = event == Event.START_OBJECT ? new HashSet<>() : Set.of();
                    depth++;
                }
                case END_OBJECT, END_ARRAY -> {
                    depth--;
                    keys = depth > 0 ? outer.pop() : null;
                }
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

    static SignalingException duplicate(String key) {
        return bad("A message may not have the key \"" + key + "\" twice.");
    }

    static SignalingException bad(String sentence) {
        return new SignalingException(ErrorCode.BAD_MESSAGE, sentence);
    }
}
