package app.duet.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Deployments;
import app.duet.testing.SignalClient;
import app.duet.testing.SilentPeer;
import java.io.IOException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How slots are freed and kept: leave, close, heartbeat timeout, resume; plus the origin check and
 * the health endpoint. The container runs with a 1 s heartbeat, 3 s timeout and 3 s resume grace
 * (see arquillian.xml).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionLifecycleIT {

    static final Duration GRACE = Duration.ofSeconds(3);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.duet();
    }

    @ArquillianResource
    URL deployed;

    private URI room() {
        return Deployments.signal(deployed, "it-" + UUID.randomUUID());
    }

    @Test
    void leaveTellsTheOtherPeerAtOnce() {
        URI room = room();
        try (SignalClient alice = SignalClient.join(room, "alice"); SignalClient bob = SignalClient.join(room, "bob")) {
            alice.next("peer-joined");
            bob.send("{\"type\":\"leave\"}");
            JsonObject left = alice.next("peer-left");
            assertEquals(bob.joined().getString("id"), left.getString("id"));
            assertEquals("left", left.getString("reason"));
            bob.send("{\"type\":\"message\",\"data\":1}");
            bob.error("not-joined");
            bob.send("{\"type\":\"join\",\"name\":\"bob again\"}");
            assertTrue(bob.next("joined").getBoolean("polite"));
            assertEquals("bob again", alice.next("peer-joined").getJsonObject("peer").getString("name"));
        }
    }

    @Test
    void aClosedSocketKeepsItsSlotForTheGraceThenThePeerIsToldDisconnected() {
        URI room = room();
        try (SignalClient alice = SignalClient.join(room, "alice")) {
            SignalClient bob = SignalClient.join(room, "bob");
            alice.next("peer-joined");
            long closedAt = System.nanoTime();
            bob.close();
            alice.expectNothing(GRACE.minusMillis(500));
            JsonObject left = alice.next("peer-left");
            assertEquals("disconnected", left.getString("reason"));
            assertEquals(bob.joined().getString("id"), left.getString("id"));
            assertTrue(System.nanoTime() - closedAt >= GRACE.toNanos());
            try (SignalClient carol = SignalClient.join(room, "carol")) {
                assertEquals("carol", alice.next("peer-joined").getJsonObject("peer").getString("name"));
            }
        }
    }

    @Test
    void aPeerThatStopsAnsweringIsTimedOutAndItsSlotFreed() throws IOException {
        URI room = room();
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
    }

    @Test
    void aReceiverThatStopsReadingIsDroppedWithoutHoldingUpTheSender() throws IOException {
        URI room = room();
        try (SignalClient alice = SignalClient.join(room, "alice"); SilentPeer bob = new SilentPeer(room)) {
            bob.send("{\"type\":\"join\",\"name\":\"bob\"}");
            String bobId = alice.next("peer-joined").getJsonObject("peer").getString("id");
            // 150 x 60 KB: far more than socket buffers hold, and more than the 4 Mi characters
            // the server queues for one receiver
            String big = "{\"type\":\"message\",\"data\":\"" + "x".repeat(60 * 1024) + "\"}";
            for (int i = 0; i < 150; i++) {
                alice.send(big);
            }
            alice.send("{\"type\":\"ping\"}");
            alice.next("pong");
            JsonObject left = alice.next("peer-left");
            assertEquals(bobId, left.getString("id"));
            // Duet drops it once its queue for bob is full or a write fails ("disconnected" after
            // the resume grace); where the container buffers the writes itself (Payara's Grizzly),
            // bob is dropped by the heartbeat ("timeout"). Either way alice was never held up.
            assertTrue(Set.of("disconnected", "timeout").contains(left.getString("reason")), left.toString());
        }
    }

    @Test
    void anAnsweringIdlePeerIsNotTimedOut() {
        URI room = room();
        try (SignalClient alice = SignalClient.join(room, "alice"); SignalClient bob = SignalClient.join(room, "bob")) {
            alice.next("peer-joined");
            alice.expectNothing(Duration.ofSeconds(5));
            bob.send("{\"type\":\"message\",\"data\":\"still connected\"}");
            assertEquals("still connected", alice.next("message").getString("data"));
        }
    }

    @Test
    void resumeWithinGraceKeepsIdAndRoleAndDeliversWhatWasSentMeanwhile() {
        // the candidate goes out before the server notices the drop: it is lost on the dead socket
        // and must be replayed from what the slot keeps
        URI room = room();
        try (SignalClient alice = SignalClient.join(room, "alice")) {
            SignalClient bob = SignalClient.join(room, "bob");
            alice.next("peer-joined");
            bob.drop();
            alice.send("{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"while away\"}}");
            try (SignalClient bobAgain = SignalClient.connect(room)) {
                bobAgain.send(bob.resumeJoin());
                JsonObject joined = bobAgain.next("joined");
                assertEquals(bob.joined().getString("id"), joined.getString("id"));
                assertEquals(bob.joined().getBoolean("polite"), joined.getBoolean("polite"));
                assertEquals(alice.joined().getString("id"), joined.getJsonArray("peers").getJsonObject(0).getString("id"));
                assertNotEquals(bob.joined().getString("resume"), joined.getString("resume"), "tokens are single-use");
                assertEquals("while away", bobAgain.next("candidate").getJsonObject("candidate").getString("candidate"));

                bobAgain.send("{\"type\":\"answer\",\"sdp\":\"after resume\"}");
                assertEquals("after resume", alice.next("answer").getString("sdp"));
                alice.expectNothing(GRACE.plusSeconds(1));
            }
        }
    }

    @Test
    void resumeAfterGraceFailsWithBadResumeAndTheSocketCanJoinAfresh() throws InterruptedException {
        URI room = room();
        try (SignalClient alice = SignalClient.join(room, "alice")) {
            SignalClient bob = SignalClient.join(room, "bob");
            alice.next("peer-joined");
            bob.drop();
            assertEquals("disconnected", alice.next("peer-left").getString("reason"));
            try (SignalClient late = SignalClient.connect(room)) {
                late.send(Json.createObjectBuilder().add("type", "join")
                        .add("resume", bob.joined().getString("resume")).build());
                late.error("bad-resume");
                late.send("{\"type\":\"join\",\"resume\":\"made-up\"}");
                late.error("bad-resume");
                late.send("{\"type\":\"join\",\"name\":\"bob\"}");
                assertNotEquals(bob.joined().getString("id"), late.next("joined").getString("id"));
            }
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
    void iceServersAreEmptyByDefault() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(Deployments.base(deployed).resolve("api/ice-servers")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals(0, body.getJsonArray("iceServers").size(), "no STUN or TURN unless configured");
    }

    @Test
    void healthAnswersWithAStatus() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(Deployments.base(deployed).resolve("api/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject health = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals("UP", health.getString("status"));
        assertFalse(health.isNull("rooms"));
    }
}
