package app.duet.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Await;
import app.duet.testing.JsonText;
import app.duet.testing.MicroServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Call history when the two sides of a call are on different nodes sharing one PostgreSQL: both
 * nodes record the start (either may die first), path reports come from each side's node, the end
 * from the node of the peer who left; every node shows the one complete record.
 */
class ClusterHistoryIT extends OnTwoNodes {

    @Test
    void aCallAcrossNodesMakesOneCompleteRecordThatEveryNodeShows() {
        String room = room();
        try (Pair call = Pair.across(room)) {
            // each side's second report comes within 5 s of its first: held back by its node and
            // passed on when the call ends there (ann's node: her leave; ben's: the left from Redis)
            call.ben().send("{\"type\":\"stats\",\"path\":\"relay\",\"setupMs\":900,\"rttMs\":50}");
            call.ben().send("{\"type\":\"stats\",\"path\":\"relay\",\"setupMs\":900,\"rttMs\":55}");
            call.ann().send("{\"type\":\"stats\",\"path\":\"host\",\"setupMs\":700,\"rttMs\":10}");
            call.ann().send("{\"type\":\"stats\",\"path\":\"host\",\"setupMs\":700,\"rttMs\":12,\"iceRestarts\":1,"
                    + "\"reconnected\":true}");
            Await.pause(1000); // time must pass: the call is held a second, and its record must say so
            call.ann().send("{\"type\":\"leave\"}");
            assertEquals("left", call.ben().next("peer-left").getString("reason"));
        }
        for (MicroServer node : List.of(nodes.a, nodes.b)) {
            // each node's journal writes in order, and the second peer's path comes after its own
            // node's start: once both paths and the end are in, no late start can add a record
            JsonArray calls = await(node, room, "its end, both paths and each side's last figures",
                    c -> !c.isNull("endedAt") && !c.isNull("firstPath") && !c.isNull("secondPath")
                            && c.toString().contains("\"firstRttMs\":12") && c.toString().contains("\"secondRttMs\":55"));
            assertEquals(1, calls.size(), "exactly one record: " + calls);
            JsonObject record = calls.getJsonObject(0);
            assertEquals("Ann", record.getString("firstName"));
            assertEquals("Ben", record.getString("secondName"));
            assertEquals("host", record.getString("firstPath"), "reported on the first peer's node");
            assertEquals("relay", record.getString("secondPath"), "reported on the second peer's node");
            assertEquals("hang-up", record.getString("endReason"));
            assertEquals(List.of(700, 900, 1), List.of(record.getInt("firstSetupMs"), record.getInt("secondSetupMs"),
                    record.getInt("firstIceRestarts")));
            assertTrue(record.getBoolean("firstReconnected") && record.isNull("secondReconnected"), record.toString());
            assertTrue(record.getJsonNumber("durationMs").longValue() >= 1000, "lasted over a second: " + record);
        }
    }

    /** The one record of the call in {@code room}, once it has ended, as {@code node}'s admin API shows it. */
    static JsonObject awaitEnded(MicroServer node, String room) {
        JsonArray calls = await(node, room, "its end", c -> !c.isNull("endedAt"));
        assertEquals(1, calls.size(), "exactly one record: " + calls);
        return calls.getJsonObject(0);
    }

    /** The records of {@code room} on {@code node}, once one of them shows {@code what}. */
    private static JsonArray await(MicroServer node, String room, String what, Predicate<JsonObject> shown) {
        return Await.value("a call record of " + room + " with " + what + " on " + node.base(), Await.DEFAULT, () -> {
            JsonArray calls = records(node, room);
            return calls.stream().map(JsonValue::asJsonObject).anyMatch(shown) ? Optional.of(calls) : Optional.empty();
        });
    }

    /** The records of the calls in {@code room}, as {@code node}'s admin API shows them now. */
    static JsonArray records(MicroServer node, String room) {
        return JsonText.object(admin(node).get("api/admin/calls?room=" + room)).getJsonArray("items");
    }
}
