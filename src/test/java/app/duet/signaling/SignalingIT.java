package app.duet.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Deployments;
import app.duet.testing.SignalClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The signaling protocol over real sockets, against the WAR on Payara Micro. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignalingIT {

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
    void relaysBothWaysWithFromAndInOrder() {
        URI room = room();
        try (SignalClient alice = SignalClient.join(room, "alice"); SignalClient bob = SignalClient.join(room, "bob")) {
            String aliceId = alice.joined().getString("id");
            String bobId = bob.joined().getString("id");
            assertEquals(bobId, alice.next("peer-joined").getJsonObject("peer").getString("id"));

            alice.send("{\"type\":\"offer\",\"sdp\":\"v=0 offer\"}");
            for (int i = 0; i < 20; i++) {
                alice.send("{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"c" + i + "\",\"sdpMid\":\"0\"}}");
            }
            alice.send("{\"type\":\"candidate\",\"candidate\":null}");
            alice.send("{\"type\":\"message\",\"data\":{\"hello\":[1,2,3]}}");

            JsonObject offer = bob.next("offer");
            assertEquals("v=0 offer", offer.getString("sdp"));
            assertEquals(aliceId, offer.getString("from"));
            for (int i = 0; i < 20; i++) {
                JsonObject candidate = bob.next("candidate");
                assertEquals("c" + i, candidate.getJsonObject("candidate").getString("candidate"));
                assertEquals("0", candidate.getJsonObject("candidate").getString("sdpMid"));
                assertEquals(aliceId, candidate.getString("from"));
            }
            assertTrue(bob.next("candidate").isNull("candidate"));
            JsonObject message = bob.next("message");
            assertEquals(Json.createArrayBuilder().add(1).add(2).add(3).build(),
                    message.getJsonObject("data").getJsonArray("hello"));

            bob.send("{\"type\":\"answer\",\"sdp\":\"v=0 answer\",\"extra\":true}");
            bob.send("{\"type\":\"message\",\"data\":\"text\"}");
            JsonObject answer = alice.next("answer");
            assertEquals("v=0 answer", answer.getString("sdp"));
            assertTrue(answer.getBoolean("extra"), "unknown fields are relayed unchanged");
            assertEquals(bobId, answer.getString("from"));
            assertEquals("text", alice.next("message").getString("data"));
        }
    }

    @Test
    void theClientCannotForgeFrom() {
        URI room = room();
        try (SignalClient alice = SignalClient.join(room, "alice"); SignalClient bob = SignalClient.join(room, "bob")) {
            alice.next("peer-joined");
            alice.send("{\"type\":\"message\",\"data\":1,\"from\":\"somebody-else\"}");
            assertEquals(alice.joined().getString("id"), bob.next("message").getString("from"));
        }
    }

    @Test
    void firstPeerIsImpoliteSecondPoliteAndANewcomerTakesTheFreeRole() {
        URI room = room();
        try (SignalClient alice = SignalClient.join(room, "alice"); SignalClient bob = SignalClient.join(room, "bob")) {
            assertFalse(alice.joined().getBoolean("polite"));
            assertEquals(0, alice.joined().getJsonArray("peers").size());
            assertTrue(bob.joined().getBoolean("polite"));
            JsonObject seen = bob.joined().getJsonArray("peers").getJsonObject(0);
            assertEquals(alice.joined().getString("id"), seen.getString("id"));
            assertEquals("alice", seen.getString("name"));
            assertFalse(bob.joined().getString("resume").isEmpty());

            alice.send("{\"type\":\"leave\"}");
            assertEquals("left", bob.next("peer-left").getString("reason"));
            try (SignalClient carol = SignalClient.join(room, null)) {
                assertFalse(carol.joined().getBoolean("polite"), "bob is polite, so carol must not be");
                assertTrue(bob.next("peer-joined").getJsonObject("peer").isNull("name"));
            }
        }
    }

    @Test
    void aThirdPeerGetsRoomFullAndIsClosedWithPolicyCode() {
        URI room = room();
        try (SignalClient alice = SignalClient.join(room, "alice"); SignalClient bob = SignalClient.join(room, "bob");
             SignalClient carol = SignalClient.connect(room)) {
            carol.send("{\"type\":\"join\",\"name\":\"carol\"}");
            carol.error("room-full");
            assertEquals(1008, carol.awaitClose());
            alice.next("peer-joined");
            alice.send("{\"type\":\"message\",\"data\":\"still here\"}");
            assertEquals("still here", bob.next("message").getString("data"));
        }
    }

    @Test
    void badRoomIdIsRefusedAndClosed() {
        try (SignalClient client = SignalClient.connect(Deployments.signal(deployed, "x".repeat(65)))) {
            client.error("bad-room");
            assertEquals(1008, client.awaitClose());
        }
        try (SignalClient client = SignalClient.connect(Deployments.signal(deployed, "bad%20room"))) {
            client.error("bad-room");
            assertEquals(1008, client.awaitClose());
        }
    }

    @Test
    void badMessagesGetAnErrorAndLeaveSocketAndRoomIntact() {
        URI room = room();
        try (SignalClient alice = SignalClient.join(room, "alice"); SignalClient bob = SignalClient.join(room, "bob")) {
            alice.next("peer-joined");
            for (String bad : new String[] {"not json", "[1,2]", "{}", "{\"type\":7}", "{\"type\":\"dance\"}",
                    "{\"type\":\"offer\"}", "{\"type\":\"answer\",\"sdp\":5}", "{\"type\":\"candidate\"}",
                    "{\"type\":\"candidate\",\"candidate\":\"a string\"}", "{\"type\":\"message\"}"}) {
                alice.send(bad);
                String sentence = alice.error("bad-message").getString("message");
                assertFalse(sentence.isBlank());
            }
            alice.send("{\"type\":\"message\",\"data\":\"after the bad ones\"}");
            assertEquals("after the bad ones", bob.next("message").getString("data"));
            bob.expectNothing(Duration.ofMillis(200));
        }
    }

    @Test
    void joinRulesNotJoinedAlreadyJoinedNoPeerAndBadNames() {
        URI room = room();
        try (SignalClient alice = SignalClient.connect(room)) {
            alice.send("{\"type\":\"offer\",\"sdp\":\"x\"}");
            alice.error("not-joined");
            alice.send("{\"type\":\"leave\"}");
            alice.error("not-joined");
            alice.send("{\"type\":\"join\",\"name\":\"" + "n".repeat(65) + "\"}");
            alice.error("bad-message");
            alice.send("{\"type\":\"join\",\"name\":42}");
            alice.error("bad-message");
            alice.send("{\"type\":\"join\",\"name\":\"alice\"}");
            alice.next("joined");
            alice.send("{\"type\":\"join\",\"name\":\"alice\"}");
            alice.error("already-joined");
            alice.send("{\"type\":\"message\",\"data\":1}");
            alice.error("no-peer");
            alice.send("{\"type\":\"ping\"}");
            alice.next("pong");
        }
    }

    @Test
    void aMessageOverOneMebibyteClosesTheSocketAndTheOtherPeerIsToldLater() {
        URI room = room();
        try (SignalClient alice = SignalClient.join(room, "alice"); SignalClient bob = SignalClient.join(room, "bob")) {
            alice.next("peer-joined");
            bob.send("{\"type\":\"message\",\"data\":\"" + "x".repeat(1024 * 1024) + "\"}");
            assertEquals(1009, bob.awaitClose());
            alice.send("{\"type\":\"ping\"}");
            alice.next("pong");
        }
    }

    @Test
    void anOversizedMessageIsRefusedAndTheSocketStays() {
        URI room = room();
        try (SignalClient alice = SignalClient.join(room, "alice"); SignalClient bob = SignalClient.join(room, "bob")) {
            alice.next("peer-joined");
            String big = "{\"type\":\"message\",\"data\":\"" + "x".repeat(70 * 1024) + "\"}";
            alice.send(big);
            alice.error("too-large");
            // just under the limit passes, and 3-byte characters count as 3 bytes
            alice.send("{\"type\":\"message\",\"data\":\"" + "x".repeat(64 * 1024 - 100) + "\"}");
            assertEquals(64 * 1024 - 100, bob.next("message").getString("data").length());
            alice.send("{\"type\":\"message\",\"data\":\"" + "\u20ac".repeat(22 * 1024) + "\"}");
            alice.error("too-large");
            alice.send("{\"type\":\"ping\"}");
            alice.next("pong");
        }
    }

    @Test
    void aFloodIsRateLimitedWithOneErrorAndTheSocketRecovers() throws Exception {
        URI room = room();
        try (SignalClient alice = SignalClient.join(room, "alice"); SignalClient bob = SignalClient.join(room, "bob")) {
            alice.next("peer-joined");
            for (int i = 0; i < 1000; i++) {
                alice.send("{\"type\":\"message\",\"data\":" + i + "}");
            }
            alice.error("rate-limited");
            for (JsonObject more : alice.drain(Duration.ofMillis(300))) {
                assertEquals("rate-limited", more.getString("code"), "a flood is answered with rate-limited notices only");
            }
            List<JsonObject> relayed = bob.drain(Duration.ofMillis(500));
            assertTrue(relayed.size() > 0 && relayed.size() < 1000, "part of the flood is dropped: " + relayed.size());
            int last = -1;
            for (JsonObject m : relayed) {
                assertEquals("message", m.getString("type"));
                assertTrue(m.getInt("data") > last, "order kept");
                last = m.getInt("data");
            }
            Thread.sleep(1500);
            alice.send("{\"type\":\"message\",\"data\":\"later\"}");
            assertEquals("later", bob.next("message").getString("data"));
        }
    }
}
