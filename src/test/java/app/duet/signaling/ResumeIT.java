package app.duet.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.monitoring.Scrape;
import app.duet.testing.Await;
import app.duet.testing.DeployedDuet;
import app.duet.testing.SignalClient;
import app.duet.testing.SilentPeer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Taking a slot back after a dropped socket (README, Signaling protocol, Resume), with the test
 * containers' 3 s resume grace and the default resume buffer of 64 messages.
 */
class ResumeIT extends DeployedDuet {

    static final Duration GRACE = Duration.ofSeconds(3);
    static final int RESUME_BUFFER = 64;
    static final Duration QUIET = Duration.ofMillis(500);

    /** Waits until the server has noticed that {@code peerId}'s socket is gone (the admin API shows it away). */
    private void awaitAway(String roomId, String peerId) {
        Await.until(peerId + " away in " + roomId, Duration.ofSeconds(10), () -> admin().liveRoom(roomId)
                .map(room -> room.getJsonArray("peers").stream().map(JsonValue::asJsonObject)
                        .anyMatch(p -> p.getString("id").equals(peerId) && p.getBoolean("away")))
                .orElse(false));
    }

    private static List<String> answers(SilentPeer peer) throws IOException {
        return peer.readTexts(Duration.ofMillis(300)).stream().map(m -> m.getString("type") + ":" + m.getString("code", "")).toList();
    }

    private static JsonObject message(String data) {
        return Json.createObjectBuilder().add("type", "message").add("data", data).build();
    }

    private static List<String> data(List<JsonObject> messages) {
        return messages.stream().map(m -> m.getString("type") + ":" + m.getString("data", "")).toList();
    }

    @Test
    void resumeWithinGraceKeepsIdAndRoleAndDeliversWhatWasSentMeanwhile() {
        // the candidate goes out before the server notices the drop: it is lost on the dead socket
        // and must be replayed from what the slot keeps
        try (Pair pair = Pair.in(room())) {
            pair.bob.drop();
            pair.alice.send("{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"while away\"}}");
            try (SignalClient bobAgain = SignalClient.connect(pair.room)) {
                bobAgain.send(pair.bob.resumeJoin());
                JsonObject joined = bobAgain.next("joined");
                assertEquals(pair.bobId(), joined.getString("id"));
                assertEquals(pair.bob.joined().getBoolean("polite"), joined.getBoolean("polite"));
                assertEquals(pair.aliceId(), joined.getJsonArray("peers").getJsonObject(0).getString("id"));
                assertNotEquals(pair.bob.joined().getString("resume"), joined.getString("resume"), "tokens are single-use");
                assertEquals("while away", bobAgain.next("candidate").getJsonObject("candidate").getString("candidate"));

                bobAgain.send("{\"type\":\"answer\",\"sdp\":\"after resume\"}");
                assertEquals("after resume", pair.alice.next("answer").getString("sdp"));
                pair.alice.expectNothing(GRACE.plusSeconds(1));
            }
        }
    }

    @Test
    void resumeAfterGraceFailsWithBadResumeAndTheSocketCanJoinAfresh() {
        try (Pair pair = Pair.in(room())) {
            pair.bob.drop();
            assertEquals("disconnected", pair.alice.next("peer-left").getString("reason"));
            try (SignalClient late = SignalClient.connect(pair.room)) {
                late.send(pair.bob.resumeJoin());
                late.error("bad-resume");
                late.send("{\"type\":\"join\",\"resume\":\"made-up\"}");
                late.error("bad-resume");
                late.send("{\"type\":\"join\",\"name\":\"bob\"}");
                assertNotEquals(pair.bobId(), late.next("joined").getString("id"));
            }
        }
    }

    @Test
    void aTokenAlreadyUsedForAResumeIsRefused() {
        try (Pair pair = Pair.in(room())) {
            pair.bob.drop();
            try (SignalClient bobAgain = SignalClient.connect(pair.room); SignalClient replay = SignalClient.connect(pair.room)) {
                bobAgain.send(pair.bob.resumeJoin());
                assertEquals(pair.bobId(), bobAgain.next("joined").getString("id"));
                replay.send(pair.bob.resumeJoin());
                replay.error("bad-resume");
                pair.alice.send(message("still bob's"));
                assertEquals("still bob's", bobAgain.next("message").getString("data"), "the slot stayed with the first resume");
                assertTrue(pair.alice.drainWithoutPeerLeft(QUIET).isEmpty());
            }
        }
    }

    @Test
    void aTokenFromAnotherRoomIsRefused() {
        String elsewhere = freshRoom();
        try (Pair pair = Pair.in(room()); SignalClient stranger = SignalClient.connect(signal(elsewhere))) {
            stranger.send(pair.bob.resumeJoin());
            stranger.error("bad-resume");
            assertTrue(admin().liveRoom(elsewhere).isEmpty(), "a refused resume leaves no room behind");
            pair.alice.send(message("bob is where he was"));
            assertEquals("bob is where he was", pair.bob.next("message").getString("data"));
        }
    }

    @Test
    void aResumeWhileTheOldSocketIsStillOpenClosesItAsReplaced() {
        try (Pair pair = Pair.in(room()); SignalClient bobAgain = SignalClient.connect(pair.room)) {
            bobAgain.send(pair.bob.resumeJoin());
            assertEquals(pair.bobId(), bobAgain.next("joined").getString("id"));
            assertEquals(4001, pair.bob.awaitClose());
            pair.alice.send(message("to the new socket"));
            assertEquals("to the new socket", bobAgain.next("message").getString("data"));
            assertTrue(pair.alice.drainWithoutPeerLeft(GRACE.plusSeconds(1)).isEmpty(), "a replaced socket is no drop");
        }
    }

    @Test
    void withoutReceivedOnlyWhatWasSentAfterTheServerNoticedTheDropIsReplayed() {
        String roomId = freshRoom();
        try (Pair pair = Pair.in(signal(roomId))) {
            pair.alice.send(message("before"));
            assertEquals("before", pair.bob.next("message").getString("data"));
            pair.bob.drop();
            awaitAway(roomId, pair.bobId());
            pair.alice.send(message("after"));
            try (SignalClient bobAgain = SignalClient.connect(pair.room)) {
                bobAgain.send(Json.createObjectBuilder().add("type", "join").add("resume", pair.bob.joined().getString("resume")).build());
                bobAgain.next("joined");
                assertEquals(List.of("message:after"), data(bobAgain.drain(QUIET)));
            }
        }
    }

    @Test
    void pastTheResumeBufferTheSenderIsToldNoPeerAndTheKeptMessagesAreReplayed() throws IOException {
        URI room = room();
        // alice on a raw socket writes her messages in one go, well within the 3 s grace
        try (SilentPeer alice = new SilentPeer(room)) {
            alice.keepAlive();
            alice.send("{\"type\":\"join\",\"name\":\"alice\"}");
            assertEquals(List.of("joined:"), answers(alice), "alice in first");
            SignalClient bob = SignalClient.join(room, "bob");
            double connected = Scrape.of(anonymous()).get("duet_connections");
            bob.close();
            // /metrics answers faster than the admin API: the grace starts when the server notices
            Await.until("bob's socket closed on the server", () -> Scrape.of(anonymous()).get("duet_connections") < connected);
            int sent = 2 * RESUME_BUFFER;
            List<String> messages = new ArrayList<>();
            for (int i = 0; i < sent; i++) {
                messages.add(message("m" + i).toString());
            }
            alice.sendAll(messages);
            List<String> answers = answers(alice);
            // the slot takes 64 once bob is away (any sent before the server noticed also count)
            int refused = answers.size() - 1;
            int accepted = sent - refused;
            assertEquals("peer-joined:", answers.get(0));
            assertEquals(Collections.nCopies(refused, "error:no-peer"), answers.subList(1, answers.size()));
            assertTrue(accepted >= RESUME_BUFFER && accepted < sent, "accepted " + accepted + " of " + sent);
            try (SignalClient bobAgain = SignalClient.connect(room)) {
                bobAgain.send(bob.resumeJoin());
                bobAgain.next("joined");
                List<String> replayed = data(bobAgain.drain(QUIET));
                List<String> lastKept = IntStream.range(accepted - RESUME_BUFFER, accepted).mapToObj(i -> "message:m" + i).toList();
                assertEquals(lastKept, replayed, "the last 64 accepted, in order");
            }
        }
    }

    @Test
    void bothPeersAwayAtOnceBothResumeAndGetWhatTheOtherSent() {
        String roomId = freshRoom();
        try (Pair pair = Pair.in(signal(roomId))) {
            pair.alice.drop();
            pair.bob.send(message("from bob"));
            pair.bob.drop();
            awaitAway(roomId, pair.aliceId());
            awaitAway(roomId, pair.bobId());
            try (SignalClient aliceAgain = SignalClient.connect(pair.room); SignalClient bobAgain = SignalClient.connect(pair.room)) {
                aliceAgain.send(pair.alice.resumeJoin());
                assertEquals(pair.aliceId(), aliceAgain.next("joined").getString("id"));
                assertEquals("from bob", aliceAgain.next("message").getString("data"));
                aliceAgain.send(message("from alice"));
                bobAgain.send(pair.bob.resumeJoin());
                assertEquals(pair.bobId(), bobAgain.next("joined").getString("id"));
                assertEquals("from alice", bobAgain.next("message").getString("data"));
                assertTrue(aliceAgain.drainWithoutPeerLeft(GRACE.plusSeconds(1)).isEmpty());
                assertTrue(bobAgain.drainWithoutPeerLeft(QUIET).isEmpty());
            }
        }
    }
}
