package app.duet.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Http;
import app.duet.testing.MicroServer;
import app.duet.testing.SignalClient;
import app.duet.testing.TwoNodes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The protocol with a room's two peers on different nodes (two Payara Micro nodes, one Redis). */
@ExtendWith(TwoNodes.Extension.class)
class ClusterSignalingIT {

    static TwoNodes nodes;

    @BeforeAll
    static void start(TwoNodes pair) {
        nodes = pair;
    }

    static String room() {
        return "cluster-" + UUID.randomUUID();
    }

    static String message(String text) {
        return Json.createObjectBuilder().add("type", "message").add("data", text).build().toString();
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readValue().asJsonObject();
    }

    @Test
    void peersOnTwoNodesGetOppositeRolesAndRelayInOrder() {
        String room = room();
        try (SignalClient ann = SignalClient.join(nodes.a.signal(room), "Ann");
             SignalClient ben = SignalClient.join(nodes.b.signal(room), "Ben")) {
            JsonObject annJoined = ann.joined();
            JsonObject benJoined = ben.joined();
            assertEquals(0, annJoined.getJsonArray("peers").size());
            JsonObject seen = benJoined.getJsonArray("peers").getJsonObject(0);
            assertEquals(annJoined.getString("id"), seen.getString("id"));
            assertEquals("Ann", seen.getString("name"));
            assertNotEquals(annJoined.getBoolean("polite"), benJoined.getBoolean("polite"), "roles never clash");
            JsonObject joined = ann.next("peer-joined").getJsonObject("peer");
            assertEquals(benJoined.getString("id"), joined.getString("id"));
            assertEquals("Ben", joined.getString("name"));

            ann.send("{\"type\":\"offer\",\"sdp\":\"v=0 ann\"}");
            JsonObject offer = ben.next("offer");
            assertEquals("v=0 ann", offer.getString("sdp"));
            assertEquals(annJoined.getString("id"), offer.getString("from"));
            for (int i = 0; i < 200; i++) {
                ben.send("{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"c" + i + "\"}}");
            }
            for (int i = 0; i < 200; i++) {
                JsonObject candidate = ann.next("candidate");
                assertEquals("c" + i, candidate.getJsonObject("candidate").getString("candidate"), "order per sender kept");
                assertEquals(benJoined.getString("id"), candidate.getString("from"));
            }
        }
    }

    @Test
    void aThirdPeerIsRefusedOnEitherNode() {
        String room = room();
        try (SignalClient ann = SignalClient.join(nodes.a.signal(room), "Ann");
             SignalClient ben = SignalClient.join(nodes.b.signal(room), "Ben")) {
            for (MicroServer node : List.of(nodes.a, nodes.b)) {
                try (SignalClient third = SignalClient.connect(node.signal(room))) {
                    third.send("{\"type\":\"join\"}");
                    third.error("room-full");
                    assertEquals(1008, third.awaitClose());
                }
            }
            ann.next("peer-joined");
            ann.expectNothing(Duration.ofMillis(300));
            ben.expectNothing(Duration.ofMillis(300));
        }
    }

    @Test
    void twoJoinsRacingOnTwoNodesNeverBothGetTheLastSlot() {
        for (int round = 0; round < 20; round++) {
            String room = room();
            try (SignalClient first = SignalClient.join(nodes.a.signal(room), null);
                 SignalClient onA = SignalClient.connect(nodes.a.signal(room));
                 SignalClient onB = SignalClient.connect(nodes.b.signal(room))) {
                CompletableFuture<Void> sendA = CompletableFuture.runAsync(() -> onA.send("{\"type\":\"join\"}"));
                onB.send("{\"type\":\"join\"}");
                sendA.join();
                List<String> outcomes = new ArrayList<>();
                for (SignalClient racer : List.of(onA, onB)) {
                    JsonObject answer = racer.next();
                    outcomes.add(answer.getString("type").equals("joined") ? "joined" : answer.getString("code"));
                }
                outcomes.sort(null);
                assertEquals(List.of("joined", "room-full"), outcomes, "round " + round);
            }
        }
    }

    @Test
    void aPeerResumesOntoTheOtherNodeAndGetsWhatItMissed() {
        String room = room();
        try (SignalClient ann = SignalClient.join(nodes.a.signal(room), "Ann");
             SignalClient ben = SignalClient.join(nodes.b.signal(room), "Ben")) {
            ann.next("peer-joined");
            ben.send(message("before"));
            assertEquals("before", ann.next("message").getString("data"));
            ann.drop();
            for (String text : List.of("missed-1", "missed-2", "missed-3")) {
                ben.send(message(text));
            }
            try (SignalClient annAgain = SignalClient.connect(nodes.b.signal(room))) {
                annAgain.send(ann.resumeJoin());
                JsonObject again = annAgain.next("joined");
                assertEquals(ann.joined().getString("id"), again.getString("id"), "the same slot");
                assertEquals(ann.joined().getBoolean("polite"), again.getBoolean("polite"));
                assertEquals(ben.joined().getString("id"), again.getJsonArray("peers").getJsonObject(0).getString("id"));
                for (String text : List.of("missed-1", "missed-2", "missed-3")) {
                    assertEquals(text, annAgain.next("message").getString("data"), "missed frames replayed in order");
                }
                ben.send(message("after"));
                assertEquals("after", annAgain.next("message").getString("data"));
                annAgain.send(message("back"));
                assertEquals("back", ben.next("message").getString("data"));
                annAgain.expectNothing(Duration.ofMillis(500));
                ben.expectNothing(Duration.ofMillis(500));
            }
        }
    }

    @Test
    void peersThatShareANodeStayConnectedWhenTheFirstMovesToTheOtherNode() {
        String room = room();
        try (SignalClient ann = SignalClient.join(nodes.a.signal(room), "Ann");
             SignalClient ben = SignalClient.join(nodes.a.signal(room), "Ben")) {
            ann.next("peer-joined");
            ann.drop();
            ben.send(message("while away"));
            try (SignalClient annAgain = SignalClient.connect(nodes.b.signal(room))) {
                annAgain.send(ann.resumeJoin());
                annAgain.next("joined");
                assertEquals("while away", annAgain.next("message").getString("data"));
                ben.send(message("to ann"));
                assertEquals("to ann", annAgain.next("message").getString("data"));
                annAgain.send(message("to ben"));
                assertEquals("to ben", ben.next("message").getString("data"));
                ben.expectNothing(Duration.ofMillis(500)); // nothing of its own echoed back
                annAgain.send("{\"type\":\"leave\"}");
                assertEquals("left", ben.next("peer-left").getString("reason"));
                ben.send(message("anyone?"));
                ben.error("no-peer");
            }
        }
    }

    @Test
    void leavingOnOneNodeIsToldOnTheOtherAndTheSlotIsFree() {
        String room = room();
        try (SignalClient ann = SignalClient.join(nodes.a.signal(room), "Ann");
             SignalClient ben = SignalClient.join(nodes.b.signal(room), "Ben")) {
            ann.next("peer-joined");
            ben.send("{\"type\":\"leave\"}");
            JsonObject left = ann.next("peer-left");
            assertEquals(ben.joined().getString("id"), left.getString("id"));
            assertEquals("left", left.getString("reason"));
            try (SignalClient cid = SignalClient.join(nodes.b.signal(room), "Cid")) {
                assertEquals("Cid", ann.next("peer-joined").getJsonObject("peer").getString("name"));
                cid.send(message("hello"));
                assertEquals("hello", ann.next("message").getString("data"));
            }
        }
    }

    @Test
    void theAdminSeesAndClosesRoomsOfEveryNode() {
        String room = room();
        Http adminA = Http.as(nodes.a.base(), "admin", TwoNodes.ADMIN_PASSWORD);
        Http adminB = Http.as(nodes.b.base(), "admin", TwoNodes.ADMIN_PASSWORD);
        try (SignalClient ann = SignalClient.join(nodes.a.signal(room), "Ann");
             SignalClient ben = SignalClient.join(nodes.b.signal(room), "Ben")) {
            ann.next("peer-joined");
            for (Http admin : List.of(adminA, adminB)) {
                JsonObject live = Json.createReader(new StringReader(admin.get("api/admin/rooms").body())).readArray().stream()
                        .map(JsonValue::asJsonObject).filter(r -> r.getString("id").equals(room)).findFirst().orElseThrow();
                assertEquals(2, live.getJsonArray("peers").size());
                assertFalse(live.isNull("callId"));
            }
            assertEquals(204, adminB.send("DELETE", "api/admin/rooms/" + room, null).statusCode());
            for (SignalClient peer : List.of(ann, ben)) {
                peer.error("room-closed");
                assertEquals(1008, peer.awaitClose());
            }
            assertFalse(adminA.get("api/admin/rooms").body().contains(room));
            assertEquals(404, adminA.send("DELETE", "api/admin/rooms/" + room, null).statusCode());
        }
    }

    @Test
    void healthAndMetricsReportTheEngine() {
        for (MicroServer node : List.of(nodes.a, nodes.b)) {
            JsonObject engine = json(Http.anonymous(node.base()).get("api/health").body()).getJsonObject("engine");
            assertEquals("redis", engine.getString("type"));
            assertTrue(engine.getBoolean("connected"));
            assertEquals(2, engine.getInt("nodes"));
            String metrics = Http.anonymous(node.base()).get("metrics").body();
            assertTrue(metrics.contains("duet_engine_connected{engine=\"redis\"} 1"), metrics);
            assertTrue(metrics.contains("duet_cluster_nodes 2"), metrics);
        }
    }
}
