package app.duet.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Await;
import app.duet.testing.DeployedDuet;
import app.duet.testing.SignalClient;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /metrics}: Prometheus text whose counters follow what the sockets did. */
class MetricsIT extends DeployedDuet {

    private Scrape scrape() {
        Scrape scrape = Scrape.of(anonymous());
        assertTrue(scrape.body().contains("# TYPE duet_relay_seconds histogram"), scrape.body());
        return scrape;
    }

    @Test
    void countersFollowRelaysErrorsAndResumes() throws Exception {
        URI room = signal("metrics-" + UUID.randomUUID());
        Scrape before = scrape();
        try (SignalClient alice = SignalClient.join(room, "alice"); SignalClient bob = SignalClient.join(room, "bob")) {
            alice.next("peer-joined");
            Scrape during = scrape();
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
        // a resume and a relay's time are counted just after the frame they concern goes out: a
        // client that has read that frame can scrape a moment before the count (seen on WildFly,
        // which handles messages on its I/O threads)
        Scrape[] last = {null};
        Await.until("the resume and the five relays counted", () -> {
            last[0] = scrape();
            return last[0].since(before, "duet_resumes_total") >= 1 && last[0].since(before, "duet_relay_seconds_count") >= 5;
        });
        Scrape after = last[0];
        assertEquals(1, after.since(before, "duet_relayed_messages_total{type=\"offer\"}"));
        assertEquals(3, after.since(before, "duet_relayed_messages_total{type=\"candidate\"}"));
        assertEquals(1, after.since(before, "duet_relayed_messages_total{type=\"message\"}"));
        assertEquals(1, after.since(before, "duet_errors_total{code=\"bad-message\"}"));
        assertEquals(1, after.since(before, "duet_resumes_total"));
        assertEquals(5, after.since(before, "duet_relay_seconds_count"));
        assertEquals(5, after.since(before, "duet_relay_seconds_bucket{le=\"+Inf\"}"));
        assertTrue(after.get("jvm_memory_heap_used_bytes") > 0);
    }
}
