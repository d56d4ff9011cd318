package app.duet.calls.boundary;

import app.duet.calls.control.CallSummary;
import app.duet.platform.boundary.Body;
import app.duet.platform.entity.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@code /api/admin/calls/summary}: what the admin console's charts show for a range of the
 * history (calls per day, relayed calls, end reasons, set-up times). A class of its own, so
 * {@link CallsResource} stays the list; its literal path wins over {@code calls/{id}} on every
 * JAX-RS implementation (more literal characters match first).
 */
@Path("admin/calls/summary")
@Tag(name = "calls")
@ApiResponse(responseCode = "401", ref = "unauthorized")
@ApiResponse(responseCode = "403", ref = "forbidden")
@RequestScoped
public class CallSummaryResource {

    static final Duration DEFAULT_RANGE = Duration.ofDays(30);
    static final Duration MAX_RANGE = Duration.ofDays(366);

    @Inject
    CallSummary summary;

    /** Read from the URI, as in {@link CallsResource} (TomEE leaves @QueryParam fields null on CDI-scoped resources). */
    @Context
    UriInfo uri;

    private String query(String name) {
        return Body.query(uri, name);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "summarizeCalls", summary = "Figures of the call history for charts",
            description = "Calls and relayed calls (either side reported `relay`) per UTC day, end reasons and the"
                    + " distribution of set-up times (a call's is the larger of its two sides'; calls without one are"
                    + " left out) for the calls that started in [from, to). Default: the last 30 days; at most 366"
                    + " days. Counted over at most 100,000 calls, the newest; `truncated` says when there were more.",
            parameters = {@Parameter(ref = "from"), @Parameter(ref = "to")},
            responses = {@ApiResponse(responseCode = "200", description = "The figures.",
                    content = @Content(schema = @Schema(ref = "CallSummary"))),
                    @ApiResponse(responseCode = "400", ref = "invalid")})
    public Response summarize() {
        LocalDateTime to = Body.utc("to", query("to"));
        LocalDateTime from = Body.utc("from", query("from"));
        if (to == null) {
            to = from == null ? LocalDateTime.now(ZoneOffset.UTC) : from.plus(DEFAULT_RANGE);
        }
        if (from == null) {
            from = to.minus(DEFAULT_RANGE);
        }
        if (!from.isBefore(to)) {
            throw Refusal.invalid("from", "\"from\" must be before \"to\".");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw Refusal.invalid("from", "The range from \"from\" to \"to\" is at most 366 days.");
        }
        CallSummary.Result result = summary.of(from, to);
        JsonArrayBuilder days = Json.createArrayBuilder();
        result.days().forEach(d -> days.add(Json.createObjectBuilder().add("day", d.day().toString())
                .add("calls", d.calls()).add("relayed", d.relayed())));
        JsonArrayBuilder reasons = Json.createArrayBuilder();
        result.endReasons().forEach(r -> reasons.add(Json.createObjectBuilder().add("reason", r.reason()).add("calls", r.calls())));
        JsonArrayBuilder setup = Json.createArrayBuilder();
        for (CallSummary.SetupBucket bucket : result.setupMs()) {
            JsonObjectBuilder json = Json.createObjectBuilder();
            if (bucket.upToMs() == null) {
                json.addNull("upToMs");
            } else {
                json.add("upToMs", bucket.upToMs());
            }
            setup.add(json.add("calls", bucket.calls()));
        }
        return Response.ok(Json.createObjectBuilder().add("from", Body.iso(result.from())).add("to", Body.iso(result.to()))
                .add("calls", result.calls()).add("relayed", result.relayed()).add("truncated", result.truncated())
                .add("days", days).add("endReasons", reasons).add("setupMs", setup).build()).build();
    }
}
