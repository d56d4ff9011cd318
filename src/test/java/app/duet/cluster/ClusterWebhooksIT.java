package app.duet.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.duet.testing.Await;
import app.duet.testing.Http;
import app.duet.testing.MicroServer;
import app.duet.testing.TwoNodes;
import app.duet.testing.WebhookReceiver;
import app.duet.testing.WebhookReceiver.Request;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Webhooks of a call whose two sides are on different nodes: both nodes record the call's start
 * (as they do for the history), yet the receiver gets each event once, and the end carries both
 * sides' paths though each was reported on its own node.
 */
class ClusterWebhooksIT extends OnTwoNodes {

    @Test
    void eachEventOfACallAcrossNodesArrivesOnce() {
        String room = room();
        try (Pair call = Pair.across(room)) {
            call.ann().send("{\"type\":\"stats\",\"path\":\"host\"}");
            call.ben().send("{\"type\":\"stats\",\"path\":\"relay\"}");
            // as in a real call, the paths are known well before the end: both are in the history
            Await.until("both paths of the call in " + room + " in the history", () -> ClusterHistoryIT.records(nodes.a, room)
                    .stream().map(JsonValue::asJsonObject).anyMatch(c -> !c.isNull("firstPath") && !c.isNull("secondPath")));
            call.ann().send("{\"type\":\"leave\"}");
            assertEquals("left", call.ben().next("peer-left").getString("reason"));
            call.ben().send("{\"type\":\"leave\"}");
        }
        List<String> expected = List.of("call.ended", "call.started", "peer.joined", "peer.joined", "peer.left", "peer.left");
        nodes.hooks.awaitAccepted(room, expected.size());
        // whatever either node was to send has been sent: a second copy would be here by now
        Await.until("no webhook event waiting on either node", () -> metric(nodes.a, "duet_webhook_queued") == 0
                && metric(nodes.b, "duet_webhook_queued") == 0 && pending(room) == 0);
        List<Request> events = nodes.hooks.accepted(room);
        assertEquals(expected, events.stream().map(Request::bodyType).sorted().toList(), "each event once: " + events);
        assertEquals(Map.of(), events.stream().collect(Collectors.groupingBy(Request::id, Collectors.counting())).entrySet()
                .stream().filter(e -> e.getValue() > 1).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        events.forEach(e -> assertNull(WebhookReceiver.refusal(e, TwoNodes.WEBHOOK_SECRET, System.currentTimeMillis()), e.body()));
        JsonObject ended = events.stream().filter(e -> e.bodyType().equals("call.ended")).findFirst().orElseThrow()
                .json().getJsonObject("call");
        assertEquals("Ann", ended.getString("firstName"));
        assertEquals("Ben", ended.getString("secondName"));
        assertEquals("host", ended.getString("firstPath"), "reported on Ann's node, which ended the call");
        assertEquals("relay", ended.getString("secondPath"), "reported on Ben's node: from the shared history");
        assertEquals("hang-up", ended.getString("endReason"));
    }

    /** Outbox rows about {@code room} still waiting for delivery, of any node, in the shared PostgreSQL. */
    static long pending(String room) throws SQLException {
        try (Connection db = nodes.postgres.connect(); PreparedStatement q = db.prepareStatement(
                "SELECT COUNT(*) FROM webhook_outbox WHERE delivery_state = 'pending' AND body LIKE ?")) {
            q.setString(1, "%\"" + room + "\"%");
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static double metric(MicroServer node, String name) {
        String body = Http.anonymous(node.base()).get("metrics").body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
