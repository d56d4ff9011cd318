package app.duet.turn.boundary;

import app.duet.platform.boundary.Body;
import app.duet.platform.entity.Refusal;
import app.duet.turn.control.TurnUsers;
import app.duet.turn.entity.TurnUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/admin/turn-users}: registered TURN users (passwords in, never out). */
@Path("admin/turn-users")
@Tag(name = "turn-users")
@ApiResponse(responseCode = "401", ref = "unauthorized")
@ApiResponse(responseCode = "403", ref = "forbidden")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TurnUsersResource {

    @Inject
    TurnUsers users;

    @Context
    UriInfo uri;

    @POST
    @Operation(operationId = "createTurnUser", summary = "Register a TURN user",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(ref = "TurnUserNew"))),
            responses = {@ApiResponse(responseCode = "201", description = "Registered; `Location` names it.",
                    content = @Content(schema = @Schema(ref = "TurnUser"))),
                    @ApiResponse(responseCode = "400", ref = "invalid"), @ApiResponse(responseCode = "409", ref = "conflict")})
    public Response create(@Parameter(hidden = true) JsonObject body) {
        TurnUser user = users.register(Body.string(body, "name", true), Body.string(body, "password", true),
                Body.utc("expiresAt", Body.string(body, "expiresAt", false)), Body.string(body, "note", false));
        return Response.created(uri.getAbsolutePathBuilder().path(user.getName()).build()).entity(json(user)).build();
    }

    /**
     * A page of the users of one kind, by name: {@code {"items":[…],"total":N,"page":P,"size":S}}
     * ({@code page} from 0, {@code size} 1 to 500, 50 by default), as {@code calls} answers.
     */
    @GET
    @Operation(operationId = "listTurnUsers", summary = "A page of TURN users, by name",
            responses = {@ApiResponse(responseCode = "200", description = "The page.",
                    content = @Content(schema = @Schema(ref = "TurnUserPage"))),
                    @ApiResponse(responseCode = "400", ref = "invalid")})
    public Response list(@Parameter(description = "Which users.", schema = @Schema(defaultValue = "registered",
                                 allowableValues = {"registered", "ephemeral", "all"})) @QueryParam("kind") String kind,
                         @Parameter(ref = "page") @QueryParam("page") String page,
                         @Parameter(ref = "size") @QueryParam("size") String size) {
        TurnUser.Kind filter = kind(kind);
        int pageNumber = Body.number("page", page, 0, 0, 1_000_000);
        int pageSize = Body.number("size", size, 50, 1, 500);
        TurnUsers.Page result = users.page(filter, pageNumber, pageSize);
        JsonArrayBuilder items = Json.createArrayBuilder();
        result.items().forEach(u -> items.add(json(u)));
        return Response.ok(Json.createObjectBuilder().add("items", items).add("total", result.total())
                .add("page", pageNumber).add("size", pageSize).build()).build();
    }

    /** The {@code kind} filter: registered when absent, null for {@code all}. */
    static TurnUser.Kind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return TurnUser.Kind.registered;
        }
        if (kind.equals("all")) {
            return null;
        }
        try {
            return TurnUser.Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("kind", "\"kind\" is registered, ephemeral or all.");
        }
    }

    @GET
    @Path("{name}")
    @Operation(operationId = "getTurnUser", summary = "One TURN user", description = "Never its password or key.",
            responses = {@ApiResponse(responseCode = "200", description = "The user.",
                    content = @Content(schema = @Schema(ref = "TurnUser"))),
                    @ApiResponse(responseCode = "404", ref = "notFound")})
    public Response get(@PathParam("name") String name) {
        TurnUser user = users.find(name).orElseThrow(() -> Refusal.notFound("No TURN user named '" + name + "'."));
        return Response.ok(json(user)).build();
    }

    @DELETE
    @Path("{name}")
    @Operation(operationId = "deleteTurnUser", summary = "Remove a TURN user", description = "coturn refuses it at once.",
            responses = {@ApiResponse(responseCode = "204", description = "Removed."),
                    @ApiResponse(responseCode = "404", ref = "notFound")})
    public Response delete(@PathParam("name") String name) {
        if (!users.remove(name)) {
            throw Refusal.notFound("No TURN user named '" + name + "'.");
        }
        return Response.noContent().build();
    }

    @PUT
    @Path("{name}/password")
    @Operation(operationId = "changeTurnUserPassword", summary = "Change a TURN user's password",
            description = "coturn takes it at the next allocation.",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(ref = "NewPassword"))),
            responses = {@ApiResponse(responseCode = "204", description = "Changed."),
                    @ApiResponse(responseCode = "400", ref = "invalid"), @ApiResponse(responseCode = "404", ref = "notFound")})
    public Response changePassword(@PathParam("name") String name, @Parameter(hidden = true) JsonObject body) {
        users.changePassword(name, Body.string(body, "password", true));
        return Response.noContent().build();
    }

    static JsonObject json(TurnUser user) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("name", user.getName())
                .add("realm", user.getRealm())
                .add("kind", user.getKind().name());
        Body.put(json, "createdAt", Body.iso(user.getCreatedAt()));
        Body.put(json, "expiresAt", Body.iso(user.getExpiresAt()));
        Body.put(json, "note", user.getNote());
        return json.build();
    }
}
