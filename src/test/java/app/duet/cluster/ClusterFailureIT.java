package app.duet.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Await;
import app.duet.testing.MicroServer;
import app.duet.testing.SignalClient;
import app.duet.testing.TwoNodes;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a call across two nodes lives through: a node killed (-9), and Redis stopped. Each test
 * leaves the pair as it found it (node restarted, Redis started again).
 */
class ClusterFailureIT extends OnTwoNodes {

    /** The bound on telling a peer that the other one's node died (node TTL 6 s + one tick). */
    static final Duration DEAD_NODE_BOUND = Duration.ofSeconds(10);
    /** After Redis answers again, a node frees no other node's slots for this long (node TTL + 2 s, ClusterRooms). */
    static final Duration GRACE = TwoNodes.NODE_TTL.plusSeconds(2);

    @Test
    void whenANodeIsKilledTheOtherSideIsToldWithinTheBoundAndTheRoomIsReusable() {
        String room = room();
        try (Pair call = Pair.across(room)) {
            long killed = System.nanoTime();
            nodes.b.kill();
            JsonObject left = call.ann().next("peer-left");
            long millis = (System.nanoTime() - killed) / 1_000_000;
            System.out.println("[cluster] peer-left after kill -9 of the other node: " + millis + " ms");
            assertEquals(call.benId(), left.getString("id"));
            assertEquals("timeout", left.getString("reason"));
            assertTrue(millis <= DEAD_NODE_BOUND.toMillis(), "told within " + DEAD_NODE_BOUND + ": " + millis + " ms");
            assertEquals("timeout", ClusterHistoryIT.awaitEnded(nodes.a, room).getString("endReason"),
                    "the live node ended the dead node's call in the history");
            try (SignalClient cid = SignalClient.join(nodes.a.signal(room), "Cid")) {
                assertEquals(1, cid.joined().getJsonArray("peers").size(), "the dead node's slot is free");
                assertEquals("Cid", call.ann().next("peer-joined").getJsonObject("peer").getString("name"));
            }
        } finally {
            restart(nodes.b);
        }
        try (Pair again = Pair.across(room())) {
            again.ben().send(message("restarted"));
            assertEquals("restarted", again.ann().next("message").getString("data"), "the restarted node rejoined");
        }
    }

    @Test
    void aPeerOfAKilledNodeResumesOnTheOtherNodeAndNobodyIsToldItLeft() {
        String room = room();
        try (Pair call = Pair.across(room)) {
            String dead = engine(nodes.b).getString("node");
            nodes.b.kill();
            try (SignalClient benAgain = resume(call.ben(), nodes.a, room)) {
                assertEquals(call.benId(), benAgain.next("joined").getString("id"));
                call.ann().send(message("still there?"));
                assertEquals("still there?", benAgain.next("message").getString("data"));
                benAgain.send(message("yes"));
                assertEquals("yes", call.ann().next("message").getString("data"));
                // once the dead node's liveness key expires its slots are freed; this one had moved away in time
                Await.until("the killed node " + dead + " taken for dead and its slots freed",
                        () -> ":0".equals(nodes.redis.command("SISMEMBER duet:nodes " + dead)));
                assertEquals(":1", nodes.redis.command("HEXISTS duet:room:" + room + " " + call.benId()), "the resumed slot kept");
                call.ann().drainWithoutPeerLeft(Duration.ofMillis(500));
                benAgain.drainWithoutPeerLeft(Duration.ofMillis(100));
            }
        } finally {
            restart(nodes.b);
        }
    }

    @Test
    void whenRedisStopsAndLosesItsDataNoSocketDropsNobodyIsToldTheyLeftJoinsWaitAndRelayComesBack() {
        String across = room();
        String local = room();
        String later = room();
        try (Pair call = Pair.across(across); Pair same = Pair.on(nodes.a, nodes.a, local);
             SignalClient eve = SignalClient.connect(nodes.b.signal(later))) {
            long stopped = System.nanoTime();
            nodes.redis.stop();
            nodes.redis.wipe();
            // The outage lasts as long as the checks below: both nodes must have seen Redis go;
            // nothing asserted here depends on how much longer it stays away (with its data gone).
            awaitEngine(nodes.a, false);
            awaitEngine(nodes.b, false);
            CrossRelay relay = new CrossRelay(call.ben(), call.ann(), "across-wiped");
            relay.duringOutage(3);
            same.ben().send(message("same node"));
            assertEquals("same node", same.ann().next("message").getString("data"), "same-node relay goes on");
            eve.send("{\"type\":\"join\",\"name\":\"Eve\"}");
            eve.error("unavailable");
            nodes.redis.start();
            long restarted = System.nanoTime();
            awaitEngine(nodes.a, true);
            awaitEngine(nodes.b, true);
            long reconnected = System.nanoTime();
            long back = relay.untilBack();
            System.out.println("[cluster] Redis down " + (restarted - stopped) / 1_000_000 + " ms; cross-node relay back "
                    + (back - restarted) / 1_000_000 + " ms after Redis restarted");
            awaitSlots(across, call.annId(), call.benId());
            awaitSlots(local, same.annId(), same.benId());
            assertFalse(eve.isClosed(), "a socket refused a join with unavailable stays open");
            eve.send("{\"type\":\"join\",\"name\":\"Eve\"}");
            assertEquals(0, eve.next("joined").getJsonArray("peers").size(), "joined on the socket refused during the outage");
            nothingSaidThroughTheGrace(reconnected, call.ann(), call.ben(), same.ann(), same.ben(), eve);
            try (SignalClient third = SignalClient.connect(nodes.b.signal(across))) {
                third.send("{\"type\":\"join\"}");
                third.error("room-full");
            }
            call.ann().send(message("after"));
            assertEquals("after", call.ben().next("message").getString("data"));
        } finally {
            if (nodes.redis.command("PING") == null) {
                nodes.redis.start();
            }
        }
    }

    @Test
    void whenRedisIsDownLongerThanTheNodeTtlAndKeepsItsDataNobodyIsTakenForDeadAfterwards() {
        String room = room();
        try (Pair call = Pair.across(room)) {
            List<String> ids = List.of(engine(nodes.a).getString("node"), engine(nodes.b).getString("node"));
            long stopped = System.nanoTime();
            nodes.redis.stop();
            try {
                awaitEngine(nodes.a, false);
                new CrossRelay(call.ann(), call.ben(), "into-long-outage").duringOutage(2);
                // Time must pass: each liveness key expires one node TTL after its last renewal,
                // which was before Redis stopped; a little more and every one has run out.
                Await.pause(Math.max(0, TwoNodes.NODE_TTL.toMillis() + 500 - (System.nanoTime() - stopped) / 1_000_000));
            } finally {
                nodes.redis.start(); // rooms and nodes back from the append-only file, liveness keys expired
            }
            awaitEngine(nodes.a, true);
            awaitEngine(nodes.b, true);
            long reconnected = System.nanoTime();
            new CrossRelay(call.ann(), call.ben(), "after-long-outage").untilBack();
            nothingSaidThroughTheGrace(reconnected, call.ann(), call.ben());
            for (String node : ids) {
                assertEquals(":1", nodes.redis.command("SISMEMBER duet:nodes " + node), "node " + node + " still registered");
            }
            awaitSlots(room, call.annId(), call.benId());
            for (MicroServer node : List.of(nodes.a, nodes.b)) {
                JsonArray records = ClusterHistoryIT.records(node, room);
                assertEquals(1, records.size(), "one record: " + records);
                assertTrue(records.getJsonObject(0).isNull("endedAt"), "no node ended the call in the history: " + records);
            }
            call.ben().send(message("still here"));
            assertEquals("still here", call.ann().next("message").getString("data"));
        } finally {
            if (nodes.redis.command("PING") == null) {
                nodes.redis.start();
            }
        }
    }

    /**
     * Lets the grace after Redis came back, and two heartbeat ticks, pass since both nodes said
     * they were connected again: a node that took the other for dead would have freed its slots
     * and told their peers by then. Nobody may have heard anything, and every socket is open.
     */
    private static void nothingSaidThroughTheGrace(long reconnected, SignalClient... peers) {
        Await.pause(Math.max(0, GRACE.toMillis() + 1000 - (System.nanoTime() - reconnected) / 1_000_000));
        for (SignalClient peer : peers) {
            assertFalse(peer.isClosed(), "socket kept");
            assertEquals(List.of(), peer.drain(Duration.ofMillis(200)), "nothing said to a peer after Redis came back (no peer-left)");
        }
    }

    /** Waits until Redis holds the slots of {@code peers} in {@code room} (each node writes its slots again once Redis is back). */
    private static void awaitSlots(String room, String... peers) {
        Await.until("the slots of " + List.of(peers) + " in " + room + " in Redis", () -> List.of(peers).stream()
                .allMatch(peer -> ":1".equals(nodes.redis.command("HEXISTS duet:room:" + room + " " + peer))));
    }

    private static void restart(MicroServer node) {
        if (!node.running()) {
            node.start();
        }
    }
}
