package app.duet.webhooks.boundary;

import app.duet.platform.boundary.Body;
import app.duet.webhooks.control.Outbox;
import app.duet.webhooks.control.WebhookJournal;
import app.duet.webhooks.control.WebhookMetrics;
import app.duet.webhooks.control.WebhookSettings;
import app.duet.webhooks.entity.WebhookDelivery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/**
 * {@code GET /api/admin/webhooks}: the receivers (set in the settings only), this node's counters
 * (as in {@code /metrics}), the deliveries waiting in the outbox (all nodes'), and the
 * {@value #RECENT} newest deliveries that met a failure, with the last error: what an operator
 * looks at when a receiver says it misses events.
 */
@Path("admin/webhooks")
@Tag(name = "webhooks")
@ApiResponse(responseCode = "401", ref = "unauthorized")
@ApiResponse(responseCode = "403", ref = "forbidden")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WebhooksResource {

    static final int RECENT = 20;

    @Inject
    WebhookSettings settings;

    @Inject
    WebhookMetrics metrics;

    @Inject
    WebhookJournal journal;

    @Inject
    Outbox outbox;

    @GET
    @Operation(operationId = "webhookStatus", summary = "Webhook receivers, counters, pending and failed deliveries",
            responses = @ApiResponse(responseCode = "200", description = "The delivery status.",
                    content = @Content(schema = @Schema(ref = "WebhookStatus"))))
    public JsonObject status() {
        JsonArrayBuilder receivers = Json.createArrayBuilder();
        settings.urls().forEach(receivers::add);
        JsonObjectBuilder dropped = Json.createObjectBuilder();
        WebhookMetrics.DROP_REASONS.forEach(reason -> dropped.add(reason, metrics.droppedCount(reason)));
        JsonObjectBuilder status = Json.createObjectBuilder().add("enabled", settings.enabled()).add("receivers", receivers)
                .add("node", Json.createObjectBuilder().add("queued", journal.size()).add("deliveries", metrics.deliveries())
                        .add("failures", metrics.failures()).add("givenUp", metrics.givenUpCount()).add("dropped", dropped));
        JsonArrayBuilder recent = Json.createArrayBuilder();
        if (settings.enabled()) {
            status.add("pending", outbox.pending());
            outbox.recentFailures(RECENT).forEach(d -> recent.add(json(d)));
        } else {
            status.add("pending", 0);
        }
        return status.add("recentFailures", recent).build();
    }

    static JsonObject json(WebhookDelivery d) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("eventId", d.getEventId()).add("type", d.getEventType())
                .add("url", d.getUrl()).add("state", d.getState()).add("attempts", d.getAttempts())
                .add("createdAt", Instant.ofEpochMilli(d.getCreatedAt()).toString());
        Body.put(json, "nextAttemptAt", WebhookDelivery.PENDING.equals(d.getState())
                ? Instant.ofEpochMilli(d.getNextAttemptAt()).toString() : null);
        Body.put(json, "finishedAt", d.getFinishedAt() == null ? null : Instant.ofEpochMilli(d.getFinishedAt()).toString());
        Body.put(json, "lastError", d.getLastError());
        return json.build();
    }
}
