package app.duet.turn.boundary;

import app.duet.platform.boundary.Body;
import app.duet.platform.entity.Refusal;
import app.duet.turn.control.SigningSecret;
import app.duet.turn.control.TurnSecrets;
import app.duet.turn.entity.TurnSecret;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
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
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code /api/admin/turn-secrets} (secret mode): add a secret (shown once, in the answer), list
 * them masked, retire one by id. Rotate by adding the new one, then retiring the old one once the
 * credentials it signed have expired ({@code duet.turn.ttl.seconds}).
 */
@Path("admin/turn-secrets")
@Tag(name = "turn-secrets")
@ApiResponse(responseCode = "401", ref = "unauthorized")
@ApiResponse(responseCode = "403", ref = "forbidden")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TurnSecretsResource {

    @Inject
    TurnSecrets secrets;

    @Inject
    SigningSecret signing;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addTurnSecret", summary = "Add a secret",
            description = "Signs TURN credentials from now on; the value is shown this once.",
            requestBody = @RequestBody(content = @Content(schema = @Schema(ref = "NewTurnSecret"))),
            responses = {@ApiResponse(responseCode = "201", description = "Added; `Location` names it.",
                    content = @Content(schema = @Schema(ref = "TurnSecretCreated"))),
                    @ApiResponse(responseCode = "400", ref = "invalid"), @ApiResponse(responseCode = "409", ref = "conflict")})
    public Response add(@Parameter(hidden = true) JsonObject body) {
        TurnSecret secret = secrets.add(body == null ? null : Body.string(body, "value", false));
        signing.changed(); // committed: sign with it from now on
        String id = TurnSecrets.id(secret.getValue());
        return Response.created(uri.getAbsolutePathBuilder().path(id).build())
                .entity(Json.createObjectBuilder().add("id", id).add("value", secret.getValue())
                        .add("createdAt", Body.iso(secret.getCreatedAt())).build())
                .build();
    }

    @GET
    @Operation(operationId = "listTurnSecrets", summary = "The secrets, masked",
            responses = @ApiResponse(responseCode = "200", description = "Every secret.",
                    content = @Content(array = @ArraySchema(schema = @Schema(ref = "TurnSecret")))))
    public Response list() {
        JsonArrayBuilder all = Json.createArrayBuilder();
        for (TurnSecret secret : secrets.list()) {
            JsonObject json = Json.createObjectBuilder().add("id", TurnSecrets.id(secret.getValue()))
                    .add("masked", mask(secret.getValue()))
                    .add("createdAt", secret.getCreatedAt() == null ? "" : Body.iso(secret.getCreatedAt())).build();
            all.add(json);
        }
        return Response.ok(all.build()).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "retireTurnSecret", summary = "Retire a secret",
            description = "Once the credentials it signed have expired (`duet.turn.ttl.seconds`).",
            responses = {@ApiResponse(responseCode = "204", description = "Retired."),
                    @ApiResponse(responseCode = "404", ref = "notFound")})
    public Response retire(@PathParam("id") String id) {
        if (!secrets.retire(id)) {
            throw Refusal.notFound("No TURN secret with id '" + id + "'.");
        }
        signing.changed();
        return Response.noContent().build();
    }

    static String mask(String value) {
        return value.length() <= 8 ? "…" : value.substring(0, 2) + "…" + value.substring(value.length() - 2);
    }
}
