package app.duet.admin.boundary;

import app.duet.admin.control.Accounts;
import app.duet.admin.control.LoginThrottle;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/admin/logins}: what the login throttle has done since start-up, on this node. */
@Path("admin/logins")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class LoginsResource {

    @Inject
    LoginThrottle throttle;

    @Inject
    Accounts accounts;

    @GET
    public JsonObject status() {
        long now = System.currentTimeMillis();
        return Json.createObjectBuilder()
                .add("checks", throttle.checks())
                .add("lockedRefusals", throttle.lockedRefusals())
                .add("budgetRefusals", throttle.budgetRefusals())
                .add("trackedNames", throttle.tracked())
                .add("lockedNames", throttle.lockedNames(now))
                .add("accounts", accounts.size())
                .build();
    }
}
