package app.duet.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.monitoring.Scrape;
import app.duet.testing.Await;
import app.duet.testing.DeployedDuet;
import app.duet.testing.JsonText;
import app.duet.testing.SignalClient;
import app.duet.testing.SilentPeer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * How slots are freed and kept: leave, close, heartbeat timeout, a receiver that does not read;
 * plus the origin check and the health endpoint. The container runs with a 1 s heartbeat, 3 s
 * timeout and 3 s resume grace (see arquillian.xml). Resuming a slot: {@link ResumeIT}.
 */
class SessionLifecycleIT extends DeployedDuet {

    static final Duration GRACE = Duration.ofSeconds(3);

    @Test
    void leaveTellsTheOtherPeerAtOnce() {
        try (Pair pair = Pair.in(room())) {
            pair.bob.send("{\"type\":\"leave\"}");
            JsonObject left = pair.alice.next("peer-left");
            assertEquals(pair.bobId(), left.getString("id"));
            assertEquals("left", left.getString("reason"));
            pair.bob.send("{\"type\":\"message\",\"data\":1}");
            pair.bob.error("not-joined");
            pair.bob.send("{\"type\":\"join\",\"name\":\"bob again\"}");
            assertTrue(pair.bob.next("joined").getBoolean("polite"));
            assertEquals("bob again", pair.alice.next("peer-joined").getJsonObject("peer").getString("name"));
        }
    }

    @Test
    void aClosedSocketKeepsItsSlotForTheGraceThenThePeerIsToldDisconnected() {
        try (Pair pair = Pair.in(room())) {
            long closedAt = System.nanoTime();
            pair.bob.close();
            pair.alice.expectNothing(GRACE.minusMillis(500));
            JsonObject left = pair.alice.next("peer-left");
            assertEquals("disconnected", left.getString("reason"));
            assertEquals(pair.bobId(), left.getString("id"));
            assertTrue(System.nanoTime() - closedAt >= GRACE.toNanos());
            try (SignalClient carol = SignalClient.join(pair.room, "carol")) {
                assertEquals("carol", pair.alice.next("peer-joined").getJsonObject("peer").getString("name"));
            }
        }
    }

    @Test
    void aPeerThatStopsAnsweringIsTimedOutAndItsSlotFreed() throws IOException {
        URI room = room();
        Scrape before = Scrape.of(anonymous());
        try (SignalClient alice = SignalClient.join(room, "alice"); SilentPeer bob = new SilentPeer(room)) {
            bob.send("{\"type\":\"join\",\"name\":\"bob\"}");
            String bobId = alice.next("peer-joined").getJsonObject("peer").getString("id");
            long joinedAt = System.nanoTime();
            JsonObject left = alice.next("peer-left");
            assertEquals(bobId, left.getString("id"));
            assertEquals("timeout", left.getString("reason"));
            assertTrue(System.nanoTime() - joinedAt >= Duration.ofMillis(2500).toNanos(), "not before the 3 s timeout");
            try (SignalClient carol = SignalClient.join(room, "carol")) {
                assertTrue(carol.joined().getBoolean("polite"), "no stale room-full: the slot is free");
            }
        }
        assertEquals(1, Scrape.of(anonymous()).since(before, "duet_heartbeat_drops_total"));
    }

    /**
     * Payara's Grizzly takes every frame into a write queue of its own and reports it sent, so Duet's
     * per-receiver queue never fills there: a non-reader is dropped by the heartbeat (README,
     * Performance). The other servers report a frame sent only once written, so the queue limit acts.
     */
    static final boolean CONTAINER_BUFFERS_WRITES = "payara".equals(System.getProperty("arquillian.launch", "payara"));

    @Test
    void aReceiverThatStopsReadingIsDroppedWithoutHoldingUpTheSender() throws IOException {
        URI room = room();
        Scrape before = Scrape.of(anonymous());
        String drops = CONTAINER_BUFFERS_WRITES ? "duet_heartbeat_drops_total" : "duet_slow_receiver_drops_total";
        String other = CONTAINER_BUFFERS_WRITES ? "duet_slow_receiver_drops_total" : "duet_heartbeat_drops_total";
        try (SignalClient alice = SignalClient.join(room, "alice"); SilentPeer bob = new SilentPeer(room)) {
            if (!CONTAINER_BUFFERS_WRITES) {
                bob.keepAlive(); // it only stops reading: the heartbeat must not be what drops it
            }
            bob.send("{\"type\":\"join\",\"name\":\"bob\"}");
            String bobId = alice.next("peer-joined").getJsonObject("peer").getString("id");
            // 150 x 60 KB: far more than socket buffers hold, and more than the 1 Mi characters
            // the server queues for one receiver
            String big = "{\"type\":\"message\",\"data\":\"" + "x".repeat(60 * 1024) + "\"}";
            for (int i = 0; i < 150; i++) {
                alice.send(big);
            }
            alice.send("{\"type\":\"ping\"}");
            // alice is still served; bob may already be gone by then (the flood outlasts the heartbeat
            // timeout), and once he is away, what waits for him is bounded (256 KiB): no-peer for the rest
            JsonObject left = null;
            for (JsonObject answer = alice.next(); !"pong".equals(answer.getString("type")); answer = alice.next()) {
                if ("peer-left".equals(answer.getString("type"))) {
                    left = answer;
                } else {
                    assertEquals("no-peer", answer.getString("code", ""), "unexpected " + answer);
                }
            }
            Await.until("bob dropped and counted in " + drops, () -> Scrape.of(anonymous()).since(before, drops) == 1);
            assertEquals(OptionalInt.of(CONTAINER_BUFFERS_WRITES ? 4002 : 4003), bob.readCloseCode(Duration.ofSeconds(20)),
                    "the close code bob finds once he reads again");
            if (left == null) {
                left = alice.next("peer-left");
            }
            assertEquals(bobId, left.getString("id"));
            assertEquals(CONTAINER_BUFFERS_WRITES ? "timeout" : "disconnected", left.getString("reason"));
        }
        Scrape after = Scrape.of(anonymous());
        assertEquals(1, after.since(before, drops));
        assertEquals(0, after.since(before, other));
    }

    @Test
    void anAnsweringIdlePeerIsNotTimedOut() {
        try (Pair pair = Pair.in(room())) {
            pair.alice.expectNothing(Duration.ofSeconds(5));
            pair.bob.send("{\"type\":\"message\",\"data\":\"still connected\"}");
            assertEquals("still connected", pair.alice.next("message").getString("data"));
        }
    }

    @Test
    void aForeignOriginIsRefusedAtTheHandshake() {
        URI room = room();
        CompletionException refused = assertThrows(CompletionException.class,
                () -> SignalClient.connect(room, "https://evil.example"));
        assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        assertEquals(403, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());

        String own = "http://" + room.getAuthority();
        try (SignalClient client = SignalClient.connect(room, own)) {
            client.send("{\"type\":\"ping\"}");
            client.next("pong");
        }
    }

    @Test
    void iceServersAreEmptyByDefault() {
        HttpResponse<String> response = anonymous().get("api/ice-servers");
        assertEquals(200, response.statusCode());
        assertEquals(0, JsonText.object(response).getJsonArray("iceServers").size(), "no STUN or TURN unless configured");
    }

    @Test
    void healthAnswersWithAStatus() {
        HttpResponse<String> response = anonymous().get("api/health");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject health = JsonText.object(response);
        assertEquals("UP", health.getString("status"));
        assertFalse(health.isNull("rooms"));
    }
}
