package app.duet.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.DeployedDuet;
import app.duet.testing.SignalClient;
import java.net.URI;
import java.time.Duration;
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

    private double errors(String code) {
        String metrics = anonymous().get("metrics").body();
        Matcher m = Pattern.compile("(?m)^duet_errors_total\\{code=\"" + Pattern.quote(code) + "\"\\} (\\S+)$").matcher(metrics);
        assertTrue(m.find() || !metrics.contains("duet_errors_total{code=\"" + code), metrics);
        return m.find(0) ? Double.parseDouble(m.group(1)) : 0;
    }
}
