package app.duet.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.DeployedDuet;
import app.duet.testing.SignalClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The limits of a frame (64 KiB of UTF-8, whether the message comes in one frame or in parts),
 * binary frames, and {@code stats}, which only the server reads.
 */
class ProtocolLimitsIT extends DeployedDuet {

    static final int MAX_BYTES = 65_536;
    private static final String HEAD = "{\"type\":\"message\",\"data\":\"";
    private static final String TAIL = "\"}";

    /** A message frame of exactly {@code bytes} UTF-8 bytes whose data is {@code unit} repeated, then ASCII padding. */
    private static String frameOf(int bytes, String unit) {
        int room = bytes - HEAD.length() - TAIL.length();
        int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
        String data = unit.repeat(room / unitBytes) + "x".repeat(room % unitBytes);
        String frame = HEAD + data + TAIL;
        assertEquals(bytes, frame.getBytes(StandardCharsets.UTF_8).length);
        return frame;
    }

    private static String data(String frame) {
        return frame.substring(HEAD.length(), frame.length() - TAIL.length());
    }

    @Test
    void aFrameOfExactly64KiBOfUtf8PassesAndOneByteMoreIsTooLarge() {
        try (Pair pair = Pair.in(room())) {
            // bytes, not characters, count: 3-byte euro signs, 4-byte emoji (two chars each), 2-byte e-acute
            for (String unit : new String[] {"x", "\u20ac", "\uD83D\uDE00", "\u00e9"}) {
                String fits = frameOf(MAX_BYTES, unit);
                pair.alice.send(fits);
                assertEquals(data(fits), pair.bob.next("message").getString("data"), "64 KiB of " + unit + " relayed whole");

                pair.alice.send(frameOf(MAX_BYTES + 1, unit));
                pair.alice.error("too-large");
            }
            pair.alice.send("{\"type\":\"ping\"}");
            pair.alice.next("pong");
            pair.bob.expectNothing(Duration.ofMillis(300));
        }
    }

    /** Past the limit the endpoint drops a message's parts as they come: the sender is told, the socket stays. */
    @Test
    void aOneMebibyteFrameIsTooLargeAndTheSocketStays() {
        try (Pair pair = Pair.in(room())) {
            pair.bob.send(HEAD + "x".repeat(1024 * 1024) + TAIL);
            pair.bob.error("too-large");
            pair.bob.send("{\"type\":\"ping\"}");
            pair.bob.next("pong");
            pair.alice.expectNothing(Duration.ofMillis(300));
            pair.alice.send("{\"type\":\"ping\"}");
            pair.alice.next("pong");
        }
    }

    @Test
    void aBinaryMessageIsRefusedAsBadMessageAndNeverRelayed() {
        try (Pair pair = Pair.in(room())) {
            pair.bob.sendBinary("{\"type\":\"message\",\"data\":1}".getBytes(StandardCharsets.UTF_8));
            pair.bob.error("bad-message");
            pair.bob.send("{\"type\":\"message\",\"data\":\"text still works\"}");
            assertEquals("text still works", pair.alice.next("message").getString("data"), "the first thing alice gets");
            assertTrue(pair.alice.drainWithoutPeerLeft(Duration.ofMillis(300)).isEmpty());
        }
    }

    @Test
    void statsBeforeJoiningIsNotJoined() {
        try (SignalClient loner = SignalClient.connect(room())) {
            loner.send("{\"type\":\"stats\",\"path\":\"relay\"}");
            loner.error("not-joined");
            loner.send("{\"type\":\"join\"}");
            loner.next("joined");
        }
    }

    @Test
    void statsIsNeverRelayed() {
        try (Pair pair = Pair.in(room())) {
            for (String path : new String[] {"host", "srflx", "relay"}) {
                pair.alice.send("{\"type\":\"stats\",\"path\":\"" + path + "\"}");
                pair.bob.send("{\"type\":\"stats\",\"path\":\"" + path + "\"}");
            }
            pair.alice.send("{\"type\":\"message\",\"data\":\"after stats\"}");
            assertEquals("after stats", pair.bob.next("message").getString("data"), "the first thing bob gets");
            pair.bob.send("{\"type\":\"message\",\"data\":\"after stats\"}");
            assertEquals("after stats", pair.alice.next("message").getString("data"), "the first thing alice gets");
            assertTrue(pair.alice.drain(Duration.ofMillis(300)).isEmpty());
            assertTrue(pair.bob.drain(Duration.ofMillis(300)).isEmpty());
        }
    }
}
