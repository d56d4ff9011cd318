package app.duet.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Http;
import app.duet.testing.MicroServer;
import app.duet.testing.SignalClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The protocol with a room's two peers on different nodes (two Payara Micro nodes, one Redis). */
class ClusterSignalingIT extends OnTwoNodes {

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
        try (Pair call = Pair.across(room)) {
            for (MicroServer node : List.of(nodes.a, nodes.b)) {
                try (SignalClient third = SignalClient.connect(node.signal(room))) {
                    third.send("{\"type\":\"join\"}");
                    third.error("room-full");
                    assertEquals(1008, third.awaitClose());
                }
            }
            call.ann().expectNothing(Duration.ofMillis(300));
            call.ben().expectNothing(Duration.ofMillis(300));
        }
    }

    @Test
    void aPeerResumesOntoTheOtherNodeAndGetsWhatItMissed() {
        String room = room();
        try (Pair call = Pair.across(room)) {
            SignalClient ann = call.ann();
            SignalClient ben = call.ben();
            ben.send(message("before"));
            assertEquals("before", ann.next("message").getString("data"));
            ann.drop();
            for (String text : List.of("missed-1", "missed-2", "missed-3")) {
                ben.send(message(text));
            }
            try (SignalClient annAgain = resume(ann, nodes.b, room)) {
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
        try (Pair call = Pair.on(nodes.a, nodes.a, room)) {
            SignalClient ben = call.ben();
            call.ann().drop();
            ben.send(message("while away"));
            try (SignalClient annAgain = resume(call.ann(), nodes.b, room)) {
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
        try (Pair call = Pair.across(room)) {
            SignalClient ann = call.ann();
            call.ben().send("{\"type\":\"leave\"}");
            JsonObject left = ann.next("peer-left");
            assertEquals(call.benId(), left.getString("id"));
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
        Http adminA = admin(nodes.a);
        Http adminB = admin(nodes.b);
        try (Pair call = Pair.across(room)) {
            for (Http admin : List.of(adminA, adminB)) {
                JsonObject live = admin.liveRoom(room).orElseThrow(() -> new AssertionError("room " + room + " not listed"));
                assertEquals(2, live.getJsonArray("peers").size());
                assertFalse(live.isNull("callId"));
            }
            assertEquals(204, adminB.delete("api/admin/rooms/" + room).statusCode());
            for (SignalClient peer : List.of(call.ann(), call.ben())) {
                peer.error("room-closed");
                assertEquals(1008, peer.awaitClose());
            }
            assertTrue(adminA.liveRoom(room).isEmpty(), "closed on every node");
            assertEquals(404, adminA.delete("api/admin/rooms/" + room).statusCode());
        }
    }

    @Test
    void healthAndMetricsReportTheEngine() {
        for (MicroServer node : List.of(nodes.a, nodes.b)) {
            JsonObject engine = engine(node);
            assertEquals("redis", engine.getString("type"));
            assertTrue(engine.getBoolean("connected"));
            assertEquals(2, engine.getInt("nodes"));
            String metrics = Http.anonymous(node.base()).get("metrics").body();
            assertTrue(metrics.contains("duet_engine_connected{engine=\"redis\"} 1"), metrics);
            assertTrue(metrics.contains("duet_cluster_nodes 2"), metrics);
        }
    }
}
