package app.duet.monitoring.boundary;

import app.duet.calls.control.CallJournal;
import app.duet.monitoring.control.PrometheusText;
import app.duet.signaling.control.ClientLimits;
import app.duet.signaling.control.HeldMemory;
import app.duet.signaling.control.RoomEngine;
import app.duet.signaling.control.Signaling;
import app.duet.signaling.control.SignalingMetrics;
import app.duet.signaling.entity.ClientLimit;
import app.duet.signaling.entity.EngineState;
import app.duet.signaling.entity.ErrorCode;
import app.duet.turn.control.IceServers;
import app.duet.webhooks.control.WebhookJournal;
import app.duet.webhooks.control.WebhookMetrics;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * {@code GET /metrics}: this node's signaling counters and JVM heap in Prometheus' text format.
 * Reading it costs one pass over the live rooms; counting costs the relay path a few striped
 * additions per message.
 */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {

    @Inject
    Signaling signaling;

    @Inject
    RoomEngine rooms;

    @Inject
    SignalingMetrics metrics;

    @Inject
    HeldMemory memory;

    @Inject
    CallJournal journal;

    @Inject
    ClientLimits limits;

    @Inject
    IceServers iceServers;

    @Inject
    WebhookJournal webhookJournal;

    @Inject
    WebhookMetrics webhooks;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrometheusText text = new PrometheusText()
                .family("duet_rooms", "gauge", "Live rooms on this node.").sample("duet_rooms", rooms.count())
                .family("duet_peers", "gauge", "Peers holding a room slot on this node (connected or within the resume grace).")
                .sample("duet_peers", rooms.peerCount())
                .family("duet_connections", "gauge", "Open signaling sockets on this node.")
                .sample("duet_connections", signaling.connections());
        EngineState engine = rooms.state();
        text.family("duet_engine_connected", "gauge", "1 when what keeps the rooms (memory, or Redis in cluster mode) is reachable.")
                .sample("duet_engine_connected", "engine", engine.engine(), engine.connected() ? 1 : 0)
                .family("duet_cluster_nodes", "gauge", "Nodes registered in the cluster (1 for a node on its own).")
                .sample("duet_cluster_nodes", engine.nodes());
        text.family("duet_relayed_messages_total", "counter", "Messages relayed to the other peer, by type.");
        for (int i = 0; i < SignalingMetrics.RELAYED_TYPES.size(); i++) {
            text.sample("duet_relayed_messages_total", "type", SignalingMetrics.RELAYED_TYPES.get(i), metrics.relayed(i));
        }
        text.family("duet_errors_total", "counter", "Error messages sent to clients, by code.");
        for (ErrorCode code : ErrorCode.values()) {
            text.sample("duet_errors_total", "code", code.code(), metrics.errors(code));
        }
        text.family("duet_resumes_total", "counter", "Peers that resumed their slot after a dropped socket.")
                .sample("duet_resumes_total", metrics.resumes())
                .family("duet_heartbeat_drops_total", "counter", "Sockets dropped for not answering heartbeats.")
                .sample("duet_heartbeat_drops_total", metrics.heartbeatDrops())
                .family("duet_slow_receiver_drops_total", "counter", "Sockets dropped for not reading: unread queue over the limit, or a write failed or timed out.")
                .sample("duet_slow_receiver_drops_total", metrics.slowDrops());
        text.family("duet_held_bytes", "gauge", "Held for sockets now: messages being assembled and frames kept for resume (2 bytes a character).")
                .sample("duet_held_bytes", memory.held())
                .family("duet_held_budget_bytes", "gauge", "The most that may be held for all sockets (duet.memory.budget.bytes).")
                .sample("duet_held_budget_bytes", memory.budget())
                .family("duet_held_refusals_total", "counter", "Times the budget was spent: a socket closed (1013), a frame not kept for resume, or a slow receiver dropped.")
                .sample("duet_held_refusals_total", memory.refusals());
        text.family("duet_history_queued", "gauge", "Call events waiting to be written to the history (more while the database is slow or away).")
                .sample("duet_history_queued", journal.size())
                .family("duet_history_dropped_total", "counter", "Call events dropped because the history queue was full (duet.history.queue).")
                .sample("duet_history_dropped_total", journal.dropped());
        text.family("duet_client_refusals_total", "counter",
                "Sockets and joins refused, and sockets closed, by a limit on their client address (see README, Security).");
        for (ClientLimit limit : ClientLimit.values()) {
            text.sample("duet_client_refusals_total", "limit", limit.label(), metrics.refusals(limit));
        }
        text.family("duet_client_addresses", "gauge", "Client addresses the per-address limits remember now.")
                .sample("duet_client_addresses", limits.addresses());
        text.family("duet_turn_users_live", "gauge", "Users mode: ephemeral TURN users this node minted that have not expired.")
                .sample("duet_turn_users_live", iceServers.liveUsers())
                .family("duet_turn_users_capped_total", "counter",
                        "Users mode: requests given no TURN credentials because duet.turn.users.max were live.")
                .sample("duet_turn_users_capped_total", iceServers.cappedRequests());
        webhooks(text);
        relayHistogram(text);
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        text.family("jvm_memory_heap_used_bytes", "gauge", "Heap in use.").sample("jvm_memory_heap_used_bytes", heap.getUsed())
                .family("jvm_memory_heap_committed_bytes", "gauge", "Heap committed.")
                .sample("jvm_memory_heap_committed_bytes", heap.getCommitted());
        response.setContentType(PrometheusText.CONTENT_TYPE);
        response.getWriter().write(text.toString());
    }

    private void webhooks(PrometheusText text) {
        text.family("duet_webhook_queued", "gauge", "Webhook events waiting in memory to be written to the outbox.")
                .sample("duet_webhook_queued", webhookJournal.size())
                .family("duet_webhook_pending", "gauge", "Outbox rows (all nodes') waiting for delivery, counted every 5 s; -1 before the first count.")
                .sample("duet_webhook_pending", webhooks.pending())
                .family("duet_webhook_deliveries_total", "counter", "Webhook requests a receiver answered with 2xx.")
                .sample("duet_webhook_deliveries_total", webhooks.deliveries())
                .family("duet_webhook_failures_total", "counter", "Webhook attempts that failed (no connection, timeout, other status); tried again later.")
                .sample("duet_webhook_failures_total", webhooks.failures())
                .family("duet_webhook_given_up_total", "counter", "Webhook deliveries given up after a day of failures.")
                .sample("duet_webhook_given_up_total", webhooks.givenUpCount())
                .family("duet_webhook_dropped_total", "counter", "Webhook events dropped before delivery, by reason.");
        for (String reason : WebhookMetrics.DROP_REASONS) {
            text.sample("duet_webhook_dropped_total", "reason", reason, webhooks.droppedCount(reason));
        }
    }

    private void relayHistogram(PrometheusText text) {
        String name = "duet_relay_seconds";
        text.family(name, "histogram", "From receiving a frame to handing the relayed frame to the other peer's socket.");
        long cumulative = 0;
        for (int i = 0; i <= SignalingMetrics.RELAY_BUCKETS.length; i++) {
            cumulative += metrics.relayBucket(i);
            String le = i < SignalingMetrics.RELAY_BUCKETS.length ? Double.toString(SignalingMetrics.RELAY_BUCKETS[i]) : "+Inf";
            text.sample(name + "_bucket", "le", le, cumulative);
        }
        text.sample(name + "_sum", metrics.relaySeconds()).sample(name + "_count", cumulative);
    }
}
