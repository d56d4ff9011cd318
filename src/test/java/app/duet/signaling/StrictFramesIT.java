package app.duet.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Await;
import app.duet.testing.DeployedDuet;
import app.duet.testing.JsonText;
import app.duet.testing.SignalClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Frames the parser must not half-read (issue 13, items 5 and 8): content after the object,
 * duplicate keys and deep nesting are each a {@code bad-message} to the sender, nothing reaches
 * the other peer, nothing is an internal error, and the call goes on.
 */
class StrictFramesIT extends DeployedDuet {

    private static final String[] BAD = {
        "{\"type\":\"message\",\"data\":3} trailing-garbage",
        "{\"type\":\"ping\"} garbage",
        "{\"type\":\"message\",\"data\":1}{\"type\":\"message\",\"data\":2}",
        "{\"type\":\"peer-left\",\"type\":\"message\",\"data\":1}",
        "{\"type\":\"message\",\"data\":{\"kind\":\"state\",\"kind\":\"chat\"}}",
        "{\"type\":\"message\",\"data\":" + "[".repeat(1_000) + "]".repeat(1_000) + "}",
        "{\"type\":\"message\",\"data\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + "}",
    };

    @Test
    void halfReadableFramesAreRefusedAndNeverRelayed() {
        double internalBefore = errors("internal");
        double badBefore = errors("bad-message");
        URI room = room();
        try (SignalClient alice = SignalClient.join(room, "alice"); SignalClient bob = SignalClient.join(room, "bob")) {
            alice.next("peer-joined");
            for (String frame : BAD) {
                alice.send(frame);
                assertEquals("bad-message", alice.next("error").getString("code"), frame.substring(0, Math.min(80, frame.length())));
            }
            bob.expectNothing(Duration.ofMillis(300));
            // the socket and the call are intact: the next good frame is relayed as the first
            alice.send("{\"type\":\"message\",\"data\":{\"n\":1}}");
            assertEquals(1, bob.next("message").getJsonObject("data").getInt("n"));
            alice.send("{\"type\":\"ping\"}");
            alice.next("pong");
        }
        assertEquals(internalBefore, errors("internal"), "no frame was an internal error");
        assertEquals(BAD.length, errors("bad-message") - badBefore);
    }

    /** Issue 18: a stats message's figures out of bounds or of the wrong type are refused, never stored. */
    @Test
    void statsWithBadFiguresAreRefusedAndNeverStored() {
        String[] bad = {
            "{\"type\":\"stats\",\"path\":\"host\",\"setupMs\":-5}",
            "{\"type\":\"stats\",\"path\":\"host\",\"setupMs\":600001}",
            "{\"type\":\"stats\",\"path\":\"host\",\"rttMs\":12.5}",
            "{\"type\":\"stats\",\"path\":\"host\",\"rttMs\":\"12\"}",
            "{\"type\":\"stats\",\"path\":\"host\",\"iceRestarts\":1e9}",
            "{\"type\":\"stats\",\"path\":\"host\",\"reconnected\":1}",
        };
        double badBefore = errors("bad-message");
        String name = freshRoom();
        try (SignalClient alice = SignalClient.join(signal(name), "alice"); SignalClient bob = SignalClient.join(signal(name), "bob")) {
            alice.next("peer-joined");
            for (String frame : bad) {
                alice.send(frame);
                assertEquals("bad-message", alice.next("error").getString("code"), frame);
            }
            alice.send("{\"type\":\"stats\",\"path\":\"relay\",\"setupMs\":700,\"rttMs\":20,\"iceRestarts\":1,\"reconnected\":false}");
            alice.send("{\"type\":\"leave\"}");
            bob.next("peer-left");
        }
        assertEquals(bad.length, errors("bad-message") - badBefore);
        JsonObject call = Await.value("the call in the history", Await.DEFAULT, () -> {
            HttpResponse<String> calls = admin().get("api/admin/calls?room=" + name);
            assertEquals(200, calls.statusCode(), calls.body());
            return JsonText.object(calls).getJsonArray("items").stream().map(v -> v.asJsonObject())
                    .filter(c -> !c.isNull("endedAt")).findFirst();
        });
        assertEquals(List.of("relay", 700, 20, 1, false), List.of(call.getString("firstPath"), call.getInt("firstSetupMs"),
                call.getInt("firstRttMs"), call.getInt("firstIceRestarts"), call.getBoolean("firstReconnected")),
                "only the good report: " + call);
    }

    private double errors(String code) {
        String metrics = anonymous().get("metrics").body();
        Matcher m = Pattern.compile("(?m)^duet_errors_total\\{code=\"" + Pattern.quote(code) + "\"\\} (\\S+)$").matcher(metrics);
        assertTrue(m.find() || !metrics.contains("duet_errors_total{code=\"" + code), metrics);
        return m.find(0) ? Double.parseDouble(m.group(1)) : 0;
    }
}
