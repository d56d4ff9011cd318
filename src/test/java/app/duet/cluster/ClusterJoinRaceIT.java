package app.duet.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.duet.testing.SignalClient;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Joins racing for a room's two slots in cluster mode, where Redis decides. */
class ClusterJoinRaceIT extends OnTwoNodes {

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
}
