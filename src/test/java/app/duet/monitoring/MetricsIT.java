package app.duet.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.DeployedDuet;
import app.duet.testing.Http;
import app.duet.testing.SignalClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /metrics}: Prometheus text whose counters follow what the sockets did. */
class MetricsIT extends DeployedDuet {

    private Map<String, Double> scrape() {
        HttpResponse<String> response = anonymous().get("metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        Map<String, Double> samples = new HashMap<>();
        Matcher line = Pattern.compile("(?m)^([a-z_]+(?:\\{[^}]*\\})?) (\\S+)$").matcher(response.body());
        while (line.find()) {
            samples.put(line.group(1), Double.parseDouble(line.group(2)));
        }
        assertTrue(response.body().contains("# TYPE duet_relay_seconds histogram"), response.body());
        return samples;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String sample) {
        assertTrue(after.containsKey(sample), sample + " missing");
        return after.get(sample) - before.getOrDefault(sample, 0.0);
    }

    @Test
    void countersFollowRelaysErrorsAndResumes() throws Exception {
        URI room = signal("metrics-" + UUID.randomUUID());
        Map<String, Double> before = scrape();
        try (SignalClient alice = SignalClient.join(room, "alice"); SignalClient bob = SignalClient.join(room, "bob")) {
            alice.next("peer-joined");
            Map<String, Double> during = scrape();
            assertTrue(during.get("duet_peers") >= 2 && during.get("duet_rooms") >= 1, during.toString());
            alice.send("{\"type\":\"offer\",\"sdp\":\"v=0\"}");
            for (int i = 0; i < 3; i++) {
                alice.send("{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"c" + i + "\"}}");
            }
            bob.next("offer");
            for (int i = 0; i < 3; i++) {
                bob.next("candidate");
            }
            bob.send("{\"type\":\"message\",\"data\":1}");
            bob.send("{not json");
            bob.error("bad-message");
            alice.next("message");

            SignalClient resumed = SignalClient.connect(room);
            resumed.send(bob.resumeJoin());
            resumed.next("joined");
            resumed.close();
        }
        Map<String, Double> after = scrape();
        assertEquals(1, delta(before, after, "duet_relayed_messages_total{type=\"offer\"}"));
        assertEquals(3, delta(before, after, "duet_relayed_messages_total{type=\"candidate\"}"));
        assertEquals(1, delta(before, after, "duet_relayed_messages_total{type=\"message\"}"));
        assertEquals(1, delta(before, after, "duet_errors_total{code=\"bad-message\"}"));
        assertEquals(1, delta(before, after, "duet_resumes_total"));
        assertEquals(5, delta(before, after, "duet_relay_seconds_count"));
        assertEquals(5, delta(before, after, "duet_relay_seconds_bucket{le=\"+Inf\"}"));
        assertTrue(after.get("jvm_memory_heap_used_bytes") > 0);
    }
}
