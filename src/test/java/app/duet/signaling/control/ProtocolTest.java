package app.duet.signaling.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.duet.signaling.entity.ErrorCode;
import app.duet.signaling.entity.SignalingException;
import app.duet.testing.JsonText;
import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ProtocolTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "nope", "[]", "\"join\"", "{}", "{\"type\":null}", "{\"type\":\"x\"}",
            "{\"type\":\"offer\",\"sdp\":null}", "{\"type\":\"candidate\",\"candidate\":1}",
            "{\"type\":\"join\",\"name\":\"   \"}", "{\"type\":\"join\",\"resume\":1}",
            "{\"type\":\"join\",\"resume\":\"t\",\"received\":-1}", "{\"type\":\"join\",\"resume\":\"t\",\"received\":1.5}",
            // strictness: exactly one object, nothing after it, no key twice at any level
            "{\"type\":\"message\",\"data\":3} trailing-garbage", "{\"type\":\"ping\"} garbage", "{\"type\":\"ping\"}{\"type\":\"ping\"}",
            "{\"type\":\"peer-left\",\"type\":\"message\",\"data\":1}", "{\"type\":\"message\",\"type\":\"message\",\"data\":1}",
            "{\"type\":\"message\",\"data\":{\"a\":1,\"a\":2}}", "{\"type\":\"message\",\"data\":[{\"k\":1},{\"k\":2,\"k\":3}]}",
            "{\"type\":\"ping\",\"x\":1,\"y\":2,\"x\":3}", "{\"type\":\"message\",\"data\":1,\"data\":2}",
            "{\"type\":\"candidate\",\"candidate\":null,\"candidate\":{}}", "{\"type\":\"message\",\"data\":1,\"from\":1,\"from\":2}",
            "{\"type\":\"message\",\"data\":{\"a\":{\"b\":1,\"b\":2}}}", "{\"type\":\"message\",\"data\":[[{\"b\":1}],{\"c\":1,\"c\":1}]}",
            "{\"type\":\"join\",\"received\":\"3\",\"resume\":\"t\"}", "{\"type\":\"join\",\"name\":7}",
            "{\"type\":\"join\",\"token\":7}", "{\"type\":\"join\",\"token\":{\"alg\":\"none\"}}", "{\"type\":\"ice-servers\",\"type\":\"join\"}",
            "{\"type\":\"stats\",\"path\":\"p2p\"}", "{\"type\":\"stats\"}", "{\"type\":\"message\"}", "{\"type\":\"answer\",\"sdp\":1}"})
    void refusesMalformedMessages(String text) {
        assertEquals(ErrorCode.BAD_MESSAGE, assertThrows(SignalingException.class, () -> Protocol.parse(text)).code());
    }

    @Test
    void aKeyTwiceIsFoundAmongManyKeysAtEveryLevel() {
        // the first keys of an object are compared in a small array, later ones in a hash set
        for (int keys : new int[] {ObjectKeys.FEW - 1, ObjectKeys.FEW, ObjectKeys.FEW + 1, 5_000}) {
            StringBuilder object = new StringBuilder("{");
            for (int i = 0; i < keys; i++) {
                object.append("\"k").append(i).append("\":").append(i).append(',');
            }
            String distinct = object.substring(0, object.length() - 1) + "}";
            for (int again : new int[] {0, keys / 2, keys - 1}) {
                String twice = object + "\"k" + again + "\":0}";
                assertEquals(ErrorCode.BAD_MESSAGE, assertThrows(SignalingException.class,
                        () -> Protocol.parse("{\"type\":\"message\",\"data\":" + twice + "}")).code(), twice);
                assertEquals(ErrorCode.BAD_MESSAGE, assertThrows(SignalingException.class,
                        () -> Protocol.parse("{\"type\":\"ping\"," + twice.substring(1))).code(), twice);
            }
            assertDoesNotThrow(() -> Protocol.parse("{\"type\":\"message\",\"data\":[" + distinct + "," + distinct + "]}"));
            assertDoesNotThrow(() -> Protocol.parse("{\"type\":\"ping\"," + distinct.substring(1)));
        }
    }

    @Test
    void deepNestingIsABadMessageNotAnInternalError() {
        // Parsson throws a plain RuntimeException past 1,000 levels; Johnzon has no limit at all
        for (int depth : new int[] {FrameReader.MAX_DEPTH, 1_000, 100_000}) {
            String text = "{\"type\":\"message\",\"data\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
            SignalingException e = assertThrows(SignalingException.class, () -> Protocol.parse(text));
            assertEquals(ErrorCode.BAD_MESSAGE, e.code());
        }
        String deepest = "{\"type\":\"message\",\"data\":" + "[".repeat(FrameReader.MAX_DEPTH - 1) + "]".repeat(FrameReader.MAX_DEPTH - 1) + "}";
        assertDoesNotThrow(() -> Protocol.parse(deepest));
    }

    @Test
    void readsTheFieldsEachTypeNeedsAndAllowsWhitespaceAround() throws Exception {
        Frame stats = Protocol.parse(" {\"path\":\"relay\",\"type\":\"stats\"}\n ");
        assertEquals("stats", stats.type());
        assertEquals("relay", stats.path());
        assertEquals(new Frame("candidate", null, null, null, null, false, null), Protocol.parse("{\"type\":\"candidate\",\"candidate\":null}"));
        assertEquals(true, Protocol.parse("{\"type\":\"message\",\"data\":null,\"from\":\"x\"}").hasFrom());
        // the same key in two different objects is not a duplicate
        assertDoesNotThrow(() -> Protocol.parse("{\"type\":\"message\",\"data\":{\"type\":1,\"d\":{\"type\":2}}}"));
    }

    @Test
    void namesAreTrimmedAndCountedInCharactersNotBytes() throws Exception {
        assertEquals("alice", Protocol.name(Protocol.parse("{\"type\":\"join\",\"name\":\"  alice \"}")));
        String sixtyFourEmoji = "\uD83D\uDE00".repeat(64);
        assertEquals(sixtyFourEmoji, Protocol.name(Protocol.parse("{\"type\":\"join\",\"name\":\"" + sixtyFourEmoji + "\"}")));
        assertNull(Protocol.name(Protocol.parse("{\"type\":\"join\"}")));
    }

    @Test
    void resumeCarriesTheReceivedCount() throws Exception {
        Rooms.Resume resume = Protocol.resume(Protocol.parse("{\"type\":\"join\",\"resume\":\"tok\",\"received\":12}"));
        assertEquals(new Rooms.Resume("tok", 12L), resume);
        assertEquals(new Rooms.Resume("tok", 12L), Protocol.resume(Protocol.parse("{\"type\":\"join\",\"resume\":\"tok\",\"received\":12.0}")));
        assertEquals(new Rooms.Resume("tok", null), Protocol.resume(Protocol.parse("{\"type\":\"join\",\"resume\":\"tok\"}")));
        assertNull(Protocol.resume(Protocol.parse("{\"type\":\"join\"}")));
    }

    @Test
    void relayAddsFromAndKeepsEverythingElse() throws Exception {
        String text = "{\"type\":\"message\",\"data\":{\"a\":[1,true,null]},\"x\":\"y\"}";
        String relayed = Protocol.relayed(text, Protocol.parse(text), "p1");
        assertEquals("{\"type\":\"message\",\"data\":{\"a\":[1,true,null]},\"x\":\"y\",\"from\":\"p1\"}", relayed);
        // the sender's own spacing is kept, and the result is one valid object with "from" once
        String spaced = " {\"type\" : \"message\", \"data\" : \"}\" }\n";
        assertEquals("p1", object(Protocol.relayed(spaced, Protocol.parse(spaced), "p1")).getString("from"));
        assertEquals("\"}\"", object(Protocol.relayed(spaced, Protocol.parse(spaced), "p1")).get("data").toString());
        // a "from" chosen by the sender is replaced, never relayed
        String spoof = "{\"type\":\"message\",\"data\":1,\"from\":\"admin\"}";
        String rebuilt = Protocol.relayed(spoof, Protocol.parse(spoof), "p1");
        assertEquals("p1", object(rebuilt).getString("from"));
        assertEquals(1, object(rebuilt).getInt("data"));
        assertEquals(1, rebuilt.split("\"from\"", -1).length - 1);
    }

    private static JsonObject object(String text) {
        return JsonText.object(text);
    }

    @Test
    void utf8LengthCountsBytes() {
        assertEquals(3, Utf8.length("abc"));
        assertEquals(2, Utf8.length("\u00e9"));
        assertEquals(3, Utf8.length("\u20ac"));
        assertEquals(4, Utf8.length("\uD83D\uDE00"));
    }
}
