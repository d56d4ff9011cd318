package app.duet.calls.boundary;

import app.duet.calls.control.CallHistory;
import app.duet.calls.entity.CallRecord;
import app.duet.platform.boundary.Body;
import app.duet.platform.entity.Refusal;
import app.duet.signaling.entity.Quality;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code /api/admin/calls}: the call history. Filters {@code room}, {@code from}, {@code to}
 * (ISO-8601 instants, on the start time), {@code reason} and {@code user} (either side's join
 * token {@code sub}), {@code path} (host, srflx, relay: either side's) and {@code minSetupMs}
 * (either side's set-up time at least that); {@code sort} (startedAt, endedAt, durationMs, room; '-' for descending;
 * default -startedAt); {@code page} and {@code size}.
 * {@code /api/admin/calls/export} gives the same as CSV (all pages, at most 100,000 calls).
 */
@Path("admin/calls")
@Tag(name = "calls")
@ApiResponse(responseCode = "401", ref = "unauthorized")
@ApiResponse(responseCode = "403", ref = "forbidden")
@RequestScoped
public class CallsResource {

    static final int EXPORT_MAX = 100_000;

    @Inject
    CallHistory history;

    /**
     * The filters, read from the request's URI: @QueryParam fields would be portable in theory,
     * but TomEE (CXF on an OpenWebBeans proxy) leaves them null on a CDI-scoped resource.
     */
    @Context
    UriInfo uri;

    private String query(String name) {
        return Body.query(uri, name);
    }

    private CallHistory.Filter filter() {
        return new CallHistory.Filter(query("room"), Body.utc("from", query("from")), Body.utc("to", query("to")),
                query("reason"), query("user"), query("path"),
                query("minSetupMs") == null ? null : Body.number("minSetupMs", query("minSetupMs"), 0, 0, Quality.MAX_SETUP_MS));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listCalls", summary = "The call history, one page",
            parameters = {@Parameter(ref = "room"), @Parameter(ref = "from"), @Parameter(ref = "to"),
                    @Parameter(ref = "reason"), @Parameter(ref = "user"), @Parameter(ref = "path"),
                    @Parameter(ref = "minSetupMs"), @Parameter(ref = "sort")},
            responses = {@ApiResponse(responseCode = "200", description = "The calls that match, one page.",
                    content = @Content(schema = @Schema(ref = "CallPage"))),
                    @ApiResponse(responseCode = "400", ref = "invalid")})
    public Response list(@Parameter(ref = "page") @QueryParam("page") String page,
                         @Parameter(ref = "size") @QueryParam("size") String size) {
        int pageNumber = Body.number("page", page, 0, 0, 1_000_000);
        int pageSize = Body.number("size", size, 50, 1, 500);
        CallHistory.Page result = history.find(filter(), query("sort"), pageNumber, pageSize);
        JsonArrayBuilder items = Json.createArrayBuilder();
        result.items().forEach(c -> items.add(json(c)));
        return Response.ok(Json.createObjectBuilder().add("items", items).add("total", result.total())
                .add("page", pageNumber).add("size", pageSize).build()).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getCall", summary = "One call",
            responses = {@ApiResponse(responseCode = "200", description = "The call.",
                    content = @Content(schema = @Schema(ref = "Call"))),
                    @ApiResponse(responseCode = "404", ref = "notFound")})
    public Response get(@PathParam("id") String id) {
        return Response.ok(json(history.byId(id).orElseThrow(() -> Refusal.notFound("No call " + id + ".")))).build();
    }

    /**
     * The export's columns. The users, then the quality figures come last: they came later (issues
     * 14 and 18), and a script that reads the earlier columns by position keeps working.
     */
    static final List<String> COLUMNS = List.of("id", "room", "started_at", "ended_at", "duration_ms", "first_name",
            "second_name", "first_path", "second_path", "end_reason", "first_user", "second_user", "first_setup_ms",
            "second_setup_ms", "first_rtt_ms", "second_rtt_ms", "first_ice_restarts", "second_ice_restarts",
            "first_reconnected", "second_reconnected");

    @GET
    @Path("export")
    @Produces("text/csv")
    @Operation(operationId = "exportCalls", summary = "The call history as CSV",
            description = "All pages (at most 100,000 calls), filtered and sorted as the list is. RFC 4180, every cell"
                    + " quoted; a cell starting with `= + - @`, tab or CR gets a leading `'`.",
            parameters = {@Parameter(ref = "room"), @Parameter(ref = "from"), @Parameter(ref = "to"),
                    @Parameter(ref = "reason"), @Parameter(ref = "user"), @Parameter(ref = "path"),
                    @Parameter(ref = "minSetupMs"), @Parameter(ref = "sort")},
            responses = {@ApiResponse(responseCode = "200", description = "`duet-calls.csv`: a header, then a line a call.",
                    content = @Content(mediaType = "text/csv", schema = @Schema(implementation = String.class),
                            examples = @ExampleObject(value = "\"id\",\"room\",\"started_at\",\"ended_at\",\"duration_ms\","
                                    + "\"first_name\",\"second_name\",\"first_path\",\"second_path\",\"end_reason\","
                                    + "\"first_user\",\"second_user\",\"first_setup_ms\",\"second_setup_ms\",\"first_rtt_ms\","
                                    + "\"second_rtt_ms\",\"first_ice_restarts\",\"second_ice_restarts\",\"first_reconnected\","
                                    + "\"second_reconnected\"\r\n"))),
                    @ApiResponse(responseCode = "400", ref = "invalid")})
    public Response export() {
        StringBuilder csv = new StringBuilder(line(COLUMNS));
        for (CallRecord c : history.find(filter(), query("sort"), 0, EXPORT_MAX).items()) {
            csv.append(line(row(c)));
        }
        return Response.ok(csv.toString(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"duet-calls.csv\"").build();
    }

    /** A call's cells, in the order of {@link #COLUMNS}. */
    static List<String> row(CallRecord c) {
        return Arrays.asList(c.getId(), c.getRoom(), Body.iso(c.getStartedAt()), Body.iso(c.getEndedAt()),
                c.getDurationMs() == null ? null : c.getDurationMs().toString(), c.getFirstName(), c.getSecondName(),
                c.getFirstPath(), c.getSecondPath(), c.getEndReason(), c.getFirstUser(), c.getSecondUser(),
                text(c.getFirstSetupMs()), text(c.getSecondSetupMs()), text(c.getFirstRttMs()), text(c.getSecondRttMs()),
                text(c.getFirstIceRestarts()), text(c.getSecondIceRestarts()), text(c.getFirstReconnected()),
                text(c.getSecondReconnected()));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String line(List<String> cells) {
        return cells.stream().map(CallsResource::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    /**
     * RFC 4180, every cell quoted (so no separator a spreadsheet may choose, {@code ,} or {@code ;},
     * splits a cell), and a cell starting with {@code = + - @}, tab or CR gets a leading {@code '}
     * so that spreadsheets do not run it as a formula.
     */
    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    static JsonObject json(CallRecord c) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("id", c.getId()).add("room", c.getRoom());
        Body.put(json, "startedAt", Body.iso(c.getStartedAt()));
        Body.put(json, "endedAt", Body.iso(c.getEndedAt()));
        if (c.getDurationMs() == null) {
            json.addNull("durationMs");
        } else {
            json.add("durationMs", c.getDurationMs());
        }
        Body.put(json, "firstName", c.getFirstName());
        Body.put(json, "secondName", c.getSecondName());
        Body.put(json, "firstPath", c.getFirstPath());
        Body.put(json, "secondPath", c.getSecondPath());
        Body.put(json, "endReason", c.getEndReason());
        Body.put(json, "firstUser", c.getFirstUser());
        Body.put(json, "secondUser", c.getSecondUser());
        number(json, "firstSetupMs", c.getFirstSetupMs());
        number(json, "secondSetupMs", c.getSecondSetupMs());
        number(json, "firstRttMs", c.getFirstRttMs());
        number(json, "secondRttMs", c.getSecondRttMs());
        number(json, "firstIceRestarts", c.getFirstIceRestarts());
        number(json, "secondIceRestarts", c.getSecondIceRestarts());
        flag(json, "firstReconnected", c.getFirstReconnected());
        flag(json, "secondReconnected", c.getSecondReconnected());
        return json.build();
    }

    /** Null like the other fields a side did not report, so the shape of an item never changes. */
    private static void number(JsonObjectBuilder json, String field, Integer value) {
        if (value == null) {
            json.addNull(field);
        } else {
            json.add(field, value);
        }
    }

    private static void flag(JsonObjectBuilder json, String field, Boolean value) {
        if (value == null) {
            json.addNull(field);
        } else {
            json.add(field, value);
        }
    }
}
