package app.duet.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Http;
import app.duet.testing.MicroServer;
import app.duet.testing.SignalClient;
import app.duet.testing.TwoNodes;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Call history when the two sides of a call are on different nodes sharing one PostgreSQL: both
 * nodes record the start (either may die first), path reports come from each side's node, the end
 * from the node of the peer who left; every node shows the one complete record.
 */
@ExtendWith(TwoNodes.Extension.class)
class ClusterHistoryIT {

    static TwoNodes nodes;

    @BeforeAll
    static void start(TwoNodes pair) {
        nodes = pair;
    }

    @Test
    void aCallAcrossNodesMakesOneCompleteRecordThatEveryNodeShows() throws InterruptedException {
        String room = ClusterSignalingIT.room();
        try (SignalClient ann = SignalClient.join(nodes.a.signal(room), "Ann");
             SignalClient ben = SignalClient.join(nodes.b.signal(room), "Ben")) {
            ann.next("peer-joined");
            ben.send("{\"type\":\"stats\",\"path\":\"relay\"}");
            ann.send("{\"type\":\"stats\",\"path\":\"host\"}");
            Thread.sleep(1200);
            ann.send("{\"type\":\"leave\"}");
            assertEquals("left", ben.next("peer-left").getString("reason"));
        }
        for (MicroServer node : List.of(nodes.a, nodes.b)) {
            JsonObject call = awaitEnded(node, room);
            assertEquals("Ann", call.getString("firstName"));
            assertEquals("Ben", call.getString("secondName"));
            assertEquals("host", call.getString("firstPath"), "reported on the first peer's node");
            assertEquals("relay", call.getString("secondPath"), "reported on the second peer's node");
            assertEquals("hang-up", call.getString("endReason"));
            assertTrue(call.getJsonNumber("durationMs").longValue() >= 1000, "lasted over a second: " + call);
        }
        Thread.sleep(1000);
        assertEquals(1, calls(nodes.b, room).size(), "exactly one record");
    }

    /** The one record of the call in {@code room}, once it has ended, as {@code node}'s admin API shows it. */
    static JsonObject awaitEnded(MicroServer node, String room) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            JsonArray calls = calls(node, room);
            if (calls.size() == 1 && !calls.getJsonObject(0).isNull("endedAt")) {
                return calls.getJsonObject(0);
            }
            assertTrue(System.nanoTime() < deadline, "no ended call in room " + room + " on " + node.base() + ": " + calls);
            Thread.sleep(200);
        }
    }

    static JsonArray calls(MicroServer node, String room) {
        String body = Http.as(node.base(), "admin", TwoNodes.ADMIN_PASSWORD).get("api/admin/calls?room=" + room).body();
        return Json.createReader(new StringReader(body)).readObject().getJsonArray("items");
    }
}
