package app.duet.admin.boundary;

import app.duet.admin.control.Accounts;
import app.duet.admin.control.LoginThrottle;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /api/admin/logins}: what the login throttle has done since start-up, on this node. */
@Path("admin/logins")
@Tag(name = "logins")
@ApiResponse(responseCode = "401", ref = "unauthorized")
@ApiResponse(responseCode = "403", ref = "forbidden")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class LoginsResource {

    @Inject
    LoginThrottle throttle;

    @Inject
    Accounts accounts;

    @GET
    @Operation(operationId = "getLogins", summary = "The login throttle on this node",
            responses = @ApiResponse(responseCode = "200", description = "Counts since start-up.",
                    content = @Content(schema = @Schema(ref = "Logins"))))
    public Response status() {
        long now = System.currentTimeMillis();
        return Response.ok(Json.createObjectBuilder()
                .add("checks", throttle.checks())
                .add("lockedRefusals", throttle.lockedRefusals())
                .add("budgetRefusals", throttle.budgetRefusals())
                .add("trackedNames", throttle.tracked())
                .add("lockedNames", throttle.lockedNames(now))
                .add("accounts", accounts.size())
                .build()).build();
    }
}
