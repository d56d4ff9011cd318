package app.duet.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import app.duet.testing.SignalClient;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Joins racing for a room's two slots in cluster mode, where Redis decides: across the two nodes,
 * and between sockets of one node.
 */
class ClusterJoinRaceIT extends OnTwoNodes {

    /** Sockets on one node joining one room at once. */
    private static final int RACERS = 5;

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
    void joinsRacingOnOneNodeAdmitExactlyTwoWithOppositeRoles() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(RACERS);
        try {
            for (int round = 0; round < 20; round++) {
                String room = room();
                List<SignalClient> racers = new ArrayList<>();
                try {
                    for (int i = 0; i < RACERS; i++) {
                        racers.add(SignalClient.connect(nodes.a.signal(room)));
                    }
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<?>> sends = new ArrayList<>();
                    for (SignalClient racer : racers) {
                        sends.add(senders.submit(() -> {
                            go.await();
                            racer.send("{\"type\":\"join\"}");
                            return null;
                        }));
                    }
                    go.countDown();
                    for (Future<?> send : sends) {
                        send.get(10, TimeUnit.SECONDS);
                    }
                    List<SignalClient> admitted = new ArrayList<>();
                    List<JsonObject> joined = new ArrayList<>();
                    for (SignalClient racer : racers) {
                        JsonObject answer = racer.next();
                        if (answer.getString("type").equals("joined")) {
                            admitted.add(racer);
                            joined.add(answer);
                        } else {
                            assertEquals("room-full", answer.getString("code"), "round " + round + ": " + answer);
                        }
                    }
                    assertEquals(2, admitted.size(), "round " + round + ": admitted " + joined);
                    assertNotEquals(joined.get(0).getBoolean("polite"), joined.get(1).getBoolean("polite"), "round " + round + ": roles never clash");
                    int first = joined.get(0).getJsonArray("peers").isEmpty() ? 0 : 1;
                    JsonObject second = joined.get(1 - first);
                    assertEquals(0, joined.get(first).getJsonArray("peers").size(), "round " + round + ": " + joined);
                    assertEquals(joined.get(first).getString("id"), second.getJsonArray("peers").getJsonObject(0).getString("id"),
                            "round " + round + ": the second admitted sees the first");
                    assertEquals(second.getString("id"), admitted.get(first).next("peer-joined").getJsonObject("peer").getString("id"),
                            "round " + round + ": the first admitted is told of the second");
                } finally {
                    racers.forEach(SignalClient::close);
                }
            }
        } finally {
            senders.shutdownNow();
        }
    }
}
