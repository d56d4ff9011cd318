package app.duet.cluster.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void fieldsWithAnyCharacterSurviveTheRoundTrip() {
        Envelope sent = Envelope.of(Envelope.Kind.JOINED, "peer-1", "", "12:34", "{\"a\":\"x:y|z\\n\"}\n\u00e9\ud83d\ude00");
        Envelope received = Envelope.decode(sent.encode());
        assertEquals(sent, received);
        assertEquals(Envelope.Kind.JOINED, received.kind());
        assertEquals("", received.field(1));
    }

    @Test
    void anEnvelopeWithoutFieldsAndAHandoverWithFrames() {
        assertEquals(List.of(), Envelope.decode(Envelope.of(Envelope.Kind.CLOSED).encode()).fields());
        Envelope handed = new Envelope(Envelope.Kind.HANDED, List.of("p", "17", "{\"type\":\"offer\"}", "{}"));
        assertEquals(handed, Envelope.decode(handed.encode()));
    }

    @Test
    void anUnknownKindIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Envelope.decode("Q1:x"));
    }

    @Test
    void aSeatKeepsANameWithTheSeparatorAndNoName() {
        Seat named = new Seat("p1", "node-a", true, false, "ab12", "Ann | Bo");
        assertEquals(named, Seat.parse("p1", named.value()));
        Seat anonymous = new Seat("p2", "node-b", false, true, "cd34", null);
        assertNull(Seat.parse("p2", anonymous.value()).name());
        assertEquals(anonymous, Seat.parse("p2", anonymous.value()));
    }
}
