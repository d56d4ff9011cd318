package app.duet.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Http;
import app.duet.testing.MicroServer;
import app.duet.testing.SignalClient;
import app.duet.testing.TwoNodes;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a call across two nodes lives through: a node killed (-9), and Redis stopped for a few
 * seconds. Each test leaves the pair as it found it (node restarted, Redis started again).
 */
@ExtendWith(TwoNodes.Extension.class)
class ClusterFailureIT {

    /** The bound on telling a peer that the other one's node died (node TTL 6 s + one tick). */
    static final Duration DEAD_NODE_BOUND = Duration.ofSeconds(10);

    static TwoNodes nodes;

    @BeforeAll
    static void start(TwoNodes pair) {
        nodes = pair;
    }

    @Test
    void whenANodeIsKilledTheOtherSideIsToldWithinTheBoundAndTheRoomIsReusable() throws InterruptedException {
        String room = ClusterSignalingIT.room();
        try (SignalClient ann = SignalClient.join(nodes.a.signal(room), "Ann");
             SignalClient ben = SignalClient.join(nodes.b.signal(room), "Ben")) {
            ann.next("peer-joined");
            long killed = System.nanoTime();
            nodes.b.kill();
            JsonObject left = ann.next("peer-left");
            long millis = (System.nanoTime() - killed) / 1_000_000;
            System.out.println("[cluster] peer-left after kill -9 of the other node: " + millis + " ms");
            assertEquals(ben.joined().getString("id"), left.getString("id"));
            assertEquals("timeout", left.getString("reason"));
            assertTrue(millis <= DEAD_NODE_BOUND.toMillis(), "told within " + DEAD_NODE_BOUND + ": " + millis + " ms");
            assertEquals("timeout", ClusterHistoryIT.awaitEnded(nodes.a, room).getString("endReason"),
                    "the live node ended the dead node's call in the history");
            try (SignalClient cid = SignalClient.join(nodes.a.signal(room), "Cid")) {
                assertEquals(1, cid.joined().getJsonArray("peers").size(), "the dead node's slot is free");
                assertEquals("Cid", ann.next("peer-joined").getJsonObject("peer").getString("name"));
            }
        } finally {
            restart(nodes.b);
        }
        String again = ClusterSignalingIT.room();
        try (SignalClient ann = SignalClient.join(nodes.a.signal(again), "Ann");
             SignalClient ben = SignalClient.join(nodes.b.signal(again), "Ben")) {
            ann.next("peer-joined");
            ben.send(ClusterSignalingIT.message("restarted"));
            assertEquals("restarted", ann.next("message").getString("data"), "the restarted node rejoined");
        }
    }

    @Test
    void aPeerOfAKilledNodeResumesOnTheOtherNodeAndNobodyIsToldItLeft() {
        String room = ClusterSignalingIT.room();
        try (SignalClient ann = SignalClient.join(nodes.a.signal(room), "Ann");
             SignalClient ben = SignalClient.join(nodes.b.signal(room), "Ben")) {
            ann.next("peer-joined");
            nodes.b.kill();
            try (SignalClient benAgain = SignalClient.connect(nodes.a.signal(room))) {
                benAgain.send(ben.resumeJoin());
                assertEquals(ben.joined().getString("id"), benAgain.next("joined").getString("id"));
                ann.send(ClusterSignalingIT.message("still there?"));
                assertEquals("still there?", benAgain.next("message").getString("data"));
                benAgain.send(ClusterSignalingIT.message("yes"));
                assertEquals("yes", ann.next("message").getString("data"));
                // past the node TTL: the dead node's slots are freed, but this one moved away in time
                assertTrue(ann.drain(Duration.ofSeconds(9)).stream().noneMatch(m -> m.getString("type").equals("peer-left")),
                        "no peer-left for a peer that resumed elsewhere");
            }
        } finally {
            restart(nodes.b);
        }
    }

    @Test
    void whenRedisStopsForSecondsAndLosesItsDataNoSocketDropsNobodyIsToldTheyLeftAndRelayComesBack() throws Exception {
        String across = ClusterSignalingIT.room();
        String local = ClusterSignalingIT.room();
        try (SignalClient ann = SignalClient.join(nodes.a.signal(across), "Ann");
             SignalClient ben = SignalClient.join(nodes.b.signal(across), "Ben");
             SignalClient cid = SignalClient.join(nodes.a.signal(local), "Cid");
             SignalClient dot = SignalClient.join(nodes.a.signal(local), "Dot")) {
            ann.next("peer-joined");
            cid.next("peer-joined");
            long stopped = System.nanoTime();
            nodes.redis.stop();
            nodes.redis.wipe();
            awaitEngine(nodes.a, false);
            ann.send(ClusterSignalingIT.message("into the outage"));
            ann.error("undelivered");
            cid.send(ClusterSignalingIT.message("same node"));
            assertEquals("same node", dot.next("message").getString("data"), "same-node relay goes on");
            Thread.sleep(Math.max(0, 5000 - (System.nanoTime() - stopped) / 1_000_000));
            nodes.redis.start();
            long restarted = System.nanoTime();
            awaitEngine(nodes.a, true);
            awaitEngine(nodes.b, true);
            long relayBack = awaitRelay(ben, ann);
            System.out.println("[cluster] Redis down " + (restarted - stopped) / 1_000_000 + " ms; cross-node relay back "
                    + (relayBack - restarted) / 1_000_000 + " ms after Redis restarted");
            // past the grace and the node TTL: a node that took the other for dead would say so now
            Thread.sleep(10_000);
            for (SignalClient peer : List.of(ann, ben, cid, dot)) {
                assertFalse(peer.isClosed(), "socket kept");
                assertTrue(peer.drain(Duration.ofMillis(200)).stream().noneMatch(m -> m.getString("type").equals("peer-left")),
                        "no false peer-left");
            }
            try (SignalClient third = SignalClient.connect(nodes.b.signal(across))) {
                third.send("{\"type\":\"join\"}");
                third.error("room-full");
            }
            ann.send(ClusterSignalingIT.message("after"));
            assertEquals("after", ben.next("message").getString("data"));
        } finally {
            if (nodes.redis.command("PING") == null) {
                nodes.redis.start();
            }
        }
    }

    @Test
    void whenRedisIsDownLongerThanTheNodeTtlAndKeepsItsDataNobodyIsTakenForDeadAfterwards() throws Exception {
        String room = ClusterSignalingIT.room();
        try (SignalClient ann = SignalClient.join(nodes.a.signal(room), "Ann");
             SignalClient ben = SignalClient.join(nodes.b.signal(room), "Ben")) {
            ann.next("peer-joined");
            nodes.redis.stop();
            try {
                Thread.sleep(8_000); // longer than the 6 s node TTL: every liveness key has run out
            } finally {
                nodes.redis.start(); // rooms and nodes back from the append-only file, liveness keys expired
            }
            long relayBack = awaitRelay(ann, ben);
            Thread.sleep(10_000);
            for (SignalClient peer : List.of(ann, ben)) {
                assertFalse(peer.isClosed(), "socket kept");
                assertTrue(peer.drain(Duration.ofMillis(200)).stream().noneMatch(m -> m.getString("type").equals("peer-left")),
                        "no false peer-left");
            }
            ben.send(ClusterSignalingIT.message("still here"));
            assertEquals("still here", ann.next("message").getString("data"));
            assertTrue(relayBack > 0);
        }
    }

    /** Sends from {@code from} until {@code to} receives it; when it did. */
    private static long awaitRelay(SignalClient from, SignalClient to) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            from.send(ClusterSignalingIT.message("probe-" + attempt));
            for (JsonObject m : to.drain(Duration.ofMillis(300))) {
                if (m.getString("type").equals("message")) {
                    long at = System.nanoTime();
                    from.drain(Duration.ofMillis(100));
                    to.drain(Duration.ofMillis(300));
                    return at;
                }
            }
            from.drain(Duration.ofMillis(50));
        }
        throw new AssertionError("cross-node relay did not come back within 20 s");
    }

    private static void awaitEngine(MicroServer node, boolean connected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            String body = Http.anonymous(node.base()).get("api/health").body();
            if (body.contains("\"connected\":" + connected)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("engine connected=" + connected + " not reported within 20 s");
    }

    private static void restart(MicroServer node) {
        if (!node.running()) {
            node.start();
        }
    }
}
