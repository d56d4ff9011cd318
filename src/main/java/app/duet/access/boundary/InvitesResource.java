package app.duet.access.boundary;

import app.duet.access.control.AccessSettings;
import app.duet.access.control.Invites;
import app.duet.access.entity.Invite;
import app.duet.platform.boundary.Body;
import app.duet.platform.control.TrustedProxies;
import app.duet.platform.entity.Refusal;
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
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /api/admin/invites} {@code {"room"?, "name"?, "expiresIn"?, "uses"?}}: a link to the
 * call page that joins {@code room} (a fresh one when not given) with a token, until
 * {@code expiresIn} seconds from now (default a day), for {@code uses} joins (default unlimited).
 * The link's address is {@code duet.public.url}, else the one this request came to.
 */
@Path("admin/invites")
@Tag(name = "invites")
@ApiResponse(responseCode = "401", ref = "unauthorized")
@ApiResponse(responseCode = "403", ref = "forbidden")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InvitesResource {

    @Inject
    Invites invites;

    @Inject
    AccessSettings settings;

    @Inject
    TrustedProxies proxies;

    @Context
    HttpServletRequest request;

    @POST
    @Operation(operationId = "createInvite", summary = "An invite link",
            description = "Needs `duet.token.secrets` (409 otherwise).",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(ref = "NewInvite"))),
            responses = {@ApiResponse(responseCode = "201", description = "The link.",
                    content = @Content(schema = @Schema(ref = "Invite"))),
                    @ApiResponse(responseCode = "400", ref = "invalid"), @ApiResponse(responseCode = "409", ref = "conflict")})
    public Response create(@Parameter(hidden = true) JsonObject body) {
        Body.required(body);
        Invite invite = invites.create(Body.string(body, "room", false), Body.string(body, "name", false),
                whole(body, "expiresIn"), whole(body, "uses"));
        String url = page() + "?room=" + invite.room() + "&token=" + URLEncoder.encode(invite.token(), StandardCharsets.UTF_8);
        JsonObject json = Json.createObjectBuilder()
                .add("room", invite.room())
                .add("token", invite.token())
                .add("url", url)
                .add("expiresAt", invite.expiresAt().toString())
                .build();
        return Response.status(Response.Status.CREATED).entity(json).build();
    }

    /** The call page's address: the configured one, or this server's as the client reached it. */
    private String page() {
        if (settings.publicUrl() != null) {
            return settings.publicUrl().endsWith("/") ? settings.publicUrl() : settings.publicUrl() + "/";
        }
        String host = request.getHeader("Host");
        if (host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,255}")) {
            host = request.getServerName() + ":" + request.getServerPort();
        }
        return proxies.scheme(request) + "://" + host + request.getContextPath() + "/";
    }

    private static Long whole(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.bigIntegerValue().longValueExact();
            } catch (ArithmeticException e) {
                // refused below
            }
        }
        throw Refusal.invalid(field, "\"" + field + "\" must be a whole number.");
    }
}
