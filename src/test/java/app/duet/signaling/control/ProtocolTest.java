package app.duet.signaling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.duet.signaling.entity.ErrorCode;
import app.duet.signaling.entity.SignalingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ProtocolTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "nope", "[]", "\"join\"", "{}", "{\"type\":null}", "{\"type\":\"x\"}",
            "{\"type\":\"offer\",\"sdp\":null}", "{\"type\":\"candidate\",\"candidate\":1}",
            "{\"type\":\"join\",\"name\":\"   \"}", "{\"type\":\"join\",\"resume\":1}",
            "{\"type\":\"join\",\"resume\":\"t\",\"received\":-1}", "{\"type\":\"join\",\"resume\":\"t\",\"received\":1.5}"})
    void refusesMalformedMessages(String text) {
        assertEquals(ErrorCode.BAD_MESSAGE, assertThrows(SignalingException.class, () -> Protocol.parse(text)).code());
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
        assertNull(Protocol.resume(Protocol.parse("{\"type\":\"join\"}")));
    }

    @Test
    void relayAddsFromAndKeepsEverythingElse() throws Exception {
        String text = "{\"type\":\"message\",\"data\":{\"a\":[1,true,null]},\"x\":\"y\"}";
        String relayed = Protocol.relayed(text, Protocol.parse(text), "p1");
        assertEquals("{\"type\":\"message\",\"data\":{\"a\":[1,true,null]},\"x\":\"y\",\"from\":\"p1\"}", relayed);
        // the sender's own spacing is kept, and the result is one valid object with "from" once
        String spaced = " {\"type\" : \"message\", \"data\" : \"}\" }\n";
        assertEquals("p1", Protocol.parse(Protocol.relayed(spaced, Protocol.parse(spaced), "p1")).getString("from"));
        assertEquals("\"}\"", Protocol.parse(Protocol.relayed(spaced, Protocol.parse(spaced), "p1")).get("data").toString());
        // a "from" chosen by the sender is replaced, never relayed
        String spoof = "{\"type\":\"message\",\"data\":1,\"from\":\"admin\"}";
        String rebuilt = Protocol.relayed(spoof, Protocol.parse(spoof), "p1");
        assertEquals("p1", Protocol.parse(rebuilt).getString("from"));
        assertEquals(1, rebuilt.split("\"from\"", -1).length - 1);
    }

    @Test
    void utf8LengthCountsBytes() {
        assertEquals(3, Utf8.length("abc"));
        assertEquals(2, Utf8.length("\u00e9"));
        assertEquals(3, Utf8.length("\u20ac"));
        assertEquals(4, Utf8.length("\uD83D\uDE00"));
    }
}
