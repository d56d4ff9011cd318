package app.duet.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Await;
import app.duet.testing.SignalClient;
import app.duet.testing.Tokens;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The admin API's call history (api/admin/calls) and live rooms; run as part of AdminApiIT. */
abstract class CallHistoryApiChecks extends AdminApiClient {

    /** Each sort field the README names, with how to compare two listed calls by it. */
    static final Map<String, Comparator<JsonObject>> SORTS = Map.of(
            "startedAt", Comparator.comparing(c -> Instant.parse(c.getString("startedAt"))),
            "endedAt", Comparator.comparing(c -> Instant.parse(c.getString("endedAt"))),
            "durationMs", Comparator.comparingLong(c -> c.getJsonNumber("durationMs").longValue()),
            "room", Comparator.comparing(c -> c.getString("room")));

    /** Joins two peers to {@code room}; the first has seen the second. */
    List<SignalClient> call(String room, String first, String second) {
        SignalClient a = SignalClient.join(signal(room), first);
        SignalClient b = SignalClient.join(signal(room), second);
        a.next("peer-joined");
        return List.of(a, b);
    }

    /** The second peer hangs up, then the first leaves too; returns once the room is empty (reusable). */
    void hangUp(String room, List<SignalClient> call) {
        call.get(1).send("{\"type\":\"leave\"}");
        call.get(0).next("peer-left");
        call.get(0).send("{\"type\":\"leave\"}");
        call.forEach(SignalClient::close);
        Await.until(room + " to be empty", () -> admin().liveRoom(room).isEmpty());
    }

    @Test
    void callHistoryFiltersPagesAndRefusesBadQueries() {
        String room = "adm-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            List<SignalClient> call = call(room, "A" + i, "B" + i);
            Await.pause(200 + 600L * i); // the second call lasts longer
            hangUp(room, call);
        }
        JsonObject page = awaitCalls("api/admin/calls?room=" + room, 2);
        JsonArray items = page.getJsonArray("items");
        assertEquals("A1", items.getJsonObject(0).getString("firstName"), "newest first by default");
        assertEquals("hang-up", items.getJsonObject(0).getString("endReason"));

        JsonObject byDuration = getObject("api/admin/calls?room=" + room + "&sort=-durationMs&size=1");
        assertEquals(2, byDuration.getInt("total"));
        assertEquals(1, byDuration.getJsonArray("items").size());
        assertEquals("A1", byDuration.getJsonArray("items").getJsonObject(0).getString("firstName"), "the longer call");
        JsonObject second = getObject("api/admin/calls?room=" + room + "&sort=-durationMs&size=1&page=1");
        assertEquals("A0", second.getJsonArray("items").getJsonObject(0).getString("firstName"));
        assertEquals(0, getObject("api/admin/calls?room=" + room + "&reason=timeout").getInt("total"));
        assertEquals(2, getObject("api/admin/calls?room=" + room + "&reason=hang-up").getInt("total"));
        assertEquals(0, getObject("api/admin/calls?room=" + room + "&from=2099-01-01T00:00:00Z").getInt("total"));
        assertEquals(2, getObject("api/admin/calls?room=" + room + "&from=2001-01-01T00:00:00Z&to=2099-01-01T00:00:00Z")
                .getInt("total"));

        String id = items.getJsonObject(0).getString("id");
        assertEquals(room, getObject("api/admin/calls/" + id).getString("room"));
        assertProblem(admin().get("api/admin/calls/no-such-call"), 404, null);
        assertProblem(admin().get("api/admin/calls?reason=bored"), 400, "reason");
        assertProblem(admin().get("api/admin/calls?sort=name"), 400, "sort");
        assertProblem(admin().get("api/admin/calls?from=yesterday"), 400, "from");
        assertProblem(admin().get("api/admin/calls?size=0"), 400, "size");
        assertProblem(admin().get("api/admin/calls?size=501"), 400, "size"); // README: size 1-500
        assertEquals(500, getObject("api/admin/calls?room=" + room + "&size=500").getInt("size"));
    }

    /**
     * The console's figures (api/admin/calls/summary): over a range that holds exactly one call (from
     * its start to a millisecond later), that call, its day, its end reason, relayed (one side
     * reported relay) and in the set-up bucket of its slower side; the default range (the last 30
     * days) holds it too; ranges it refuses.
     */
    @Test
    void theSummaryCountsTheCallsOfItsRange() {
        String room = "sum-" + UUID.randomUUID();
        List<SignalClient> call = call(room, "Sam", "Uma");
        for (int side = 0; side < 2; side++) { // each report in (ping, pong) before the leave ends the call
            call.get(side).send(side == 0 ? "{\"type\":\"stats\",\"path\":\"relay\",\"setupMs\":700}"
                    : "{\"type\":\"stats\",\"path\":\"host\",\"setupMs\":1500}");
            call.get(side).send("{\"type\":\"ping\"}");
            call.get(side).next("pong");
        }
        hangUp(room, call);
        JsonObject record = awaitCalls("api/admin/calls?room=" + room, 1).getJsonArray("items").getJsonObject(0);
        Instant started = Instant.parse(record.getString("startedAt"));
        JsonObject summary = getObject("api/admin/calls/summary?from=" + started + "&to=" + started.plusMillis(1));
        assertEquals(1, summary.getInt("calls"), summary.toString());
        assertEquals(1, summary.getInt("relayed"), summary.toString());
        assertFalse(summary.getBoolean("truncated"));
        assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder().add("day", started.toString().substring(0, 10))
                .add("calls", 1).add("relayed", 1)).build(), summary.getJsonArray("days"));
        assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder().add("reason", "hang-up").add("calls", 1)).build(),
                summary.getJsonArray("endReasons"));
        assertEquals(List.of("500:0", "1000:0", "2000:1", "5000:0", "10000:0", "null:0"), summary.getJsonArray("setupMs")
                .stream().map(JsonValue::asJsonObject).map(b -> b.get("upToMs") + ":" + b.getInt("calls")).toList(),
                "the call's set-up time is its slower side's, 1500 ms");

        JsonObject recent = getObject("api/admin/calls/summary");
        assertTrue(recent.getInt("calls") >= 1, recent.toString());
        assertTrue(Instant.parse(recent.getString("to")).minus(java.time.Duration.ofDays(30))
                .equals(Instant.parse(recent.getString("from"))), "the default range is 30 days: " + recent);
        assertProblem(admin().get("api/admin/calls/summary?from=2030-01-01T00:00:00Z&to=2031-01-03T00:00:00Z"), 400, "from");
        assertProblem(admin().get("api/admin/calls/summary?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z"), 400, "from");
        assertProblem(admin().get("api/admin/calls/summary?to=soon"), 400, "to");
    }

    /**
     * Three overlapping calls in three rooms, timed so that each sort field orders them differently:
     * every order the resource accepts, both ways, lists them in the order their own fields give.
     */
    @Test
    void everySortOrderTheResourceAcceptsOrdersByItsField() {
        String prefix = "sort-" + UUID.randomUUID();
        String from = Instant.now().minusSeconds(2).toString();
        List<SignalClient> c0 = call(prefix + "-b", "C0", "D0");
        Await.pause(300); // pacing: starts, ends and durations apart
        List<SignalClient> c1 = call(prefix + "-c", "C1", "D1");
        Await.pause(1000);
        hangUp(prefix + "-c", c1);
        Await.pause(300);
        List<SignalClient> c2 = call(prefix + "-a", "C2", "D2");
        Await.pause(100);
        hangUp(prefix + "-a", c2);
        Await.pause(300);
        hangUp(prefix + "-b", c0);
        List<JsonObject> ours = new ArrayList<>();
        for (String room : List.of(prefix + "-b", prefix + "-c", prefix + "-a")) {
            ours.add(awaitCalls("api/admin/calls?room=" + room, 1).getJsonArray("items").getJsonObject(0));
        }
        List<List<String>> orders = new ArrayList<>();
        SORTS.forEach((field, comparator) -> {
            List<String> expected = ours.stream().sorted(comparator).map(c -> c.getString("id")).toList();
            orders.add(expected);
            assertEquals(expected, listed("sort=" + field + "&from=" + from, ours), "sort=" + field);
            List<String> descending = new ArrayList<>(expected);
            Collections.reverse(descending);
            assertEquals(descending, listed("sort=-" + field + "&from=" + from, ours), "sort=-" + field);
        });
        assertEquals(SORTS.size(), new HashSet<>(orders).size(), "the fixture orders the calls differently by each field: " + ours);
    }

    /** The ids of {@code ours}, in the order the listing with {@code query} gives them. */
    private List<String> listed(String query, List<JsonObject> ours) {
        List<String> ids = ours.stream().map(c -> c.getString("id")).toList();
        return getObject("api/admin/calls?size=500&" + query).getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .map(c -> c.getString("id")).filter(ids::contains).toList();
    }

    @Test
    void theExportIsCsvWithQuotedAndDefusedCells() {
        String room = "csv-" + UUID.randomUUID();
        String awkward = "=1+1, \"quoted\"\nnext line";
        hangUp(room, call(room, awkward, "plain"));
        awaitCalls("api/admin/calls?room=" + room, 1);
        hangUp(room, call(room, "-2+3", "x;=1+2"));
        awaitCalls("api/admin/calls?room=" + room, 2);

        HttpResponse<String> csv = admin().get("api/admin/calls/export?room=" + room + "&sort=startedAt");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().contains(",\"'=1+1, \"\"quoted\"\"\nnext line\",\"plain\","),
                "RFC 4180: the cell quoted, its quotes doubled, a leading = defused with ': " + csv.body());
        assertTrue(csv.body().matches("(\"([^\"]|\"\")*\"(,|\r\n))+"), "every cell quoted, so no separator splits one: " + csv.body());
        List<List<String>> rows = Csv.parse(csv.body());
        assertEquals(3, rows.size(), csv.body());
        assertEquals(List.of("id", "room", "started_at", "ended_at", "duration_ms", "first_name", "second_name",
                "first_path", "second_path", "end_reason", "first_user", "second_user"), rows.get(0).subList(0, 12));
        assertEquals(List.of(room, "'" + awkward, "plain", "hang-up"),
                List.of(rows.get(1).get(1), rows.get(1).get(5), rows.get(1).get(6), rows.get(1).get(9)));
        assertEquals(List.of("'-2+3", "x;=1+2"), rows.get(2).subList(5, 7));
        assertFalse(rows.get(2).get(2).isEmpty() || rows.get(2).get(3).isEmpty(), "times filled in: " + rows.get(2));
    }

    /** Connects and joins {@code room} with a join token naming {@code name} and, unless null, {@code sub}. */
    SignalClient joinWithToken(String room, String name, String sub) {
        SignalClient client = SignalClient.connect(signal(room));
        client.send(Json.createObjectBuilder().add("type", "join").add("name", name)
                .add("token", Tokens.forRoom(room, name, sub)).build());
        client.next("joined");
        return client;
    }

    /**
     * Issue 14: the history keeps the {@code sub} of each side's join token, and {@code user=}
     * finds the calls of a user on either side. Two calls in one room: Alice (first) with Bob, then
     * Carol, whose token names no user, with Alice (second).
     */
    @Test
    void callsAreFoundByTheUserOfEitherSideAndExportedWithThem() {
        String room = "users-" + UUID.randomUUID();
        String alice = "alice+" + UUID.randomUUID() + "@example.org";
        String bob = "bob-" + UUID.randomUUID();
        List<SignalClient> call = List.of(joinWithToken(room, "Alice", alice), joinWithToken(room, "Bob", bob));
        call.get(0).next("peer-joined");
        hangUp(room, call);
        awaitCalls("api/admin/calls?room=" + room, 1);
        call = List.of(joinWithToken(room, "Carol", null), joinWithToken(room, "Alice", alice));
        call.get(0).next("peer-joined");
        hangUp(room, call);
        awaitCalls("api/admin/calls?room=" + room, 2);

        JsonObject bobs = getObject("api/admin/calls?user=" + bob);
        assertEquals(1, bobs.getInt("total"), "exactly Bob's call: " + bobs);
        JsonObject first = bobs.getJsonArray("items").getJsonObject(0);
        assertEquals(List.of(room, "Alice", "Bob", alice, bob), List.of(first.getString("room"), first.getString("firstName"),
                first.getString("secondName"), first.getString("firstUser"), first.getString("secondUser")));
        String aliceQuery = "user=" + URLEncoder.encode(alice, StandardCharsets.UTF_8);
        JsonArray alices = getObject("api/admin/calls?sort=startedAt&" + aliceQuery).getJsonArray("items");
        assertEquals(2, alices.size(), "Alice first in one call and second in the other: " + alices);
        assertEquals(first, alices.getJsonObject(0));
        JsonObject second = alices.getJsonObject(1);
        assertTrue(second.isNull("firstUser"), "Carol's token names no user: " + second);
        assertEquals(alice, second.getString("secondUser"));
        assertEquals(second, getObject("api/admin/calls/" + second.getString("id")));
        assertEquals(0, getObject("api/admin/calls?user=nobody-" + UUID.randomUUID()).getInt("total"), "an unknown user");
        assertEquals(0, getObject("api/admin/calls?user=" + bob + "&room=other-" + UUID.randomUUID()).getInt("total"),
                "with the other filters");

        HttpResponse<String> csv = admin().get("api/admin/calls/export?sort=startedAt&" + aliceQuery);
        assertEquals(200, csv.statusCode(), csv.body());
        List<List<String>> rows = Csv.parse(csv.body());
        assertEquals(List.of("end_reason", "first_user", "second_user"), rows.get(0).subList(9, 12), "the users come last");
        assertEquals(3, rows.size(), csv.body());
        assertEquals(List.of(first.getString("id"), alice, bob), List.of(rows.get(1).get(0), rows.get(1).get(10), rows.get(1).get(11)));
        assertEquals(List.of(second.getString("id"), "", alice), List.of(rows.get(2).get(0), rows.get(2).get(10), rows.get(2).get(11)));
    }

    @Test
    void liveRoomsAreListedAndAClosedRoomTellsItsPeersAndEndsTheCall() {
        String room = "live-" + UUID.randomUUID();
        try (SignalClient alice = SignalClient.join(signal(room), "Alice");
             SignalClient bob = SignalClient.join(signal(room), "Bob")) {
            alice.next("peer-joined");
            JsonObject live = admin().liveRoom(room).orElseThrow(() -> new AssertionError("not listed: " + room));
            assertEquals(2, live.getJsonArray("peers").size());
            assertEquals("Alice", live.getJsonArray("peers").getJsonObject(0).getString("name"));
            assertFalse(live.isNull("callId"));

            assertEquals(204, admin().delete("api/admin/rooms/" + room).statusCode());
            for (SignalClient peer : List.of(alice, bob)) {
                peer.error("room-closed");
                assertEquals(1008, peer.awaitClose());
            }
            assertProblem(admin().delete("api/admin/rooms/" + room), 404, null);
            assertFalse(admin().liveRoom(room).isPresent(), "no longer listed");
            JsonObject calls = awaitCalls("api/admin/calls?room=" + room, 1);
            assertEquals("closed-by-admin", calls.getJsonArray("items").getJsonObject(0).getString("endReason"));
        }
    }
}
