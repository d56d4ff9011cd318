package app.duet.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.DeployedDuet;
import app.duet.testing.SignalClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The limits of a frame (64 KiB of UTF-8 as the protocol's own limit; on Payara 256 KiB for one frame),
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

    /**
     * Payara's WebSocket layer (Tyrus) buffers a frame whole, up to the 256 KiB web.xml sets: a
     * larger frame closes the socket. Tomcat and Undertow hand the endpoint parts, which it drops
     * past the protocol's limit, so there the sender is told and the socket stays.
     */
    static final boolean FRAMES_BUFFERED_WHOLE = "payara".equals(System.getProperty("arquillian.launch", "payara"));

    @Test
    void aOneMebibyteFrameIsRefusedAndThePeerStaysServed() {
        try (Pair pair = Pair.in(room())) {
            pair.bob.send(HEAD + "x".repeat(1024 * 1024) + TAIL);
            if (FRAMES_BUFFERED_WHOLE) {
                assertEquals(1009, pair.bob.awaitClose());
                assertEquals("disconnected", pair.alice.next("peer-left").getString("reason"), "bob's slot waited the grace");
            } else {
                pair.bob.error("too-large");
                pair.bob.send("{\"type\":\"ping\"}");
                pair.bob.next("pong");
                pair.alice.expectNothing(Duration.ofMillis(300));
            }
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
