package app.duet.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.SignalClient;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: each side's quality figures (its stats message) in the history, the path= and
 * minSetupMs= filters and the CSV columns; run as part of AdminApiIT. Two short calls over
 * signaling only (no browser): about a second.
 */
abstract class CallQualityApiChecks extends CallHistoryApiChecks {

    static final List<String> QUALITY_COLUMNS = List.of("first_setup_ms", "second_setup_ms", "first_rtt_ms", "second_rtt_ms",
            "first_ice_restarts", "second_ice_restarts", "first_reconnected", "second_reconnected");

    @Test
    void qualityFiguresAreStoredFilteredAndExported() {
        String room = "quality-" + UUID.randomUUID();
        List<SignalClient> call = call(room, "Ann", "Ben");
        report(call.get(0), "{\"type\":\"stats\",\"path\":\"host\",\"setupMs\":1200,\"rttMs\":30,\"iceRestarts\":0,\"reconnected\":false}");
        report(call.get(1), "{\"type\":\"stats\",\"path\":\"relay\",\"setupMs\":4500,\"rttMs\":80,\"iceRestarts\":2,\"reconnected\":true}");
        hangUp(room, call);
        awaitCalls("api/admin/calls?room=" + room, 1);
        // an older page: its path only
        call = call(room, "Cy", "Di");
        report(call.get(0), "{\"type\":\"stats\",\"path\":\"srflx\"}");
        hangUp(room, call);
        JsonObject both = awaitCalls("api/admin/calls?room=" + room + "&sort=startedAt", 2);

        JsonObject measured = both.getJsonArray("items").getJsonObject(0);
        assertEquals(List.of(1200, 4500, 30, 80, 0, 2), List.of(measured.getInt("firstSetupMs"), measured.getInt("secondSetupMs"),
                measured.getInt("firstRttMs"), measured.getInt("secondRttMs"), measured.getInt("firstIceRestarts"),
                measured.getInt("secondIceRestarts")), measured.toString());
        assertEquals(List.of(false, true), List.of(measured.getBoolean("firstReconnected"), measured.getBoolean("secondReconnected")));
        assertEquals(List.of("host", "relay"), List.of(measured.getString("firstPath"), measured.getString("secondPath")));
        JsonObject old = both.getJsonArray("items").getJsonObject(1);
        assertEquals("srflx", old.getString("firstPath"));
        for (String field : List.of("firstSetupMs", "secondSetupMs", "firstRttMs", "secondRttMs", "firstIceRestarts",
                "secondIceRestarts", "firstReconnected", "secondReconnected")) {
            assertTrue(old.isNull(field), field + " not reported: " + old);
        }
        assertEquals(measured, getObject("api/admin/calls/" + measured.getString("id")));

        String in = "api/admin/calls?room=" + room;
        assertEquals(List.of(1, 1, 1, 1, 0, 2, 1, 0), List.of(total(in + "&path=relay"), total(in + "&path=host"),
                total(in + "&path=srflx"), total(in + "&minSetupMs=4500"), total(in + "&minSetupMs=4501"),
                total(in), total(in + "&minSetupMs=0"), total(in + "&path=srflx&minSetupMs=0")),
                "either side's path; either side's set-up time; a call without one is not 'at least 0'");
        assertProblem(admin().get("api/admin/calls?path=tcp"), 400, "path");
        assertProblem(admin().get("api/admin/calls?minSetupMs=-1"), 400, "minSetupMs");
        assertProblem(admin().get("api/admin/calls/export?minSetupMs=fast"), 400, "minSetupMs");

        HttpResponse<String> csv = admin().get("api/admin/calls/export?room=" + room + "&sort=startedAt");
        assertEquals(200, csv.statusCode(), csv.body());
        List<List<String>> rows = Csv.parse(csv.body());
        assertEquals(QUALITY_COLUMNS, rows.get(0).subList(12, 20), "the quality figures come last");
        assertEquals(List.of("1200", "4500", "30", "80", "0", "2", "false", "true"), rows.get(1).subList(12, 20));
        assertEquals(List.of("", "", "", "", "", "", "", ""), rows.get(2).subList(12, 20));
        assertEquals(1, Csv.parse(admin().get("api/admin/calls/export?room=" + room + "&path=relay").body()).size() - 1);
    }

    /**
     * Sends a stats message and waits for the answer to a ping after it: a socket's frames are
     * handled in order, so the report is in before the other side's leave can end the call.
     */
    private static void report(SignalClient peer, String stats) {
        peer.send(stats);
        peer.send("{\"type\":\"ping\"}");
        peer.next("pong");
    }

    private int total(String path) {
        return getObject(path).getInt("total");
    }
}
