package app.duet.platform.boundary;

import app.duet.signaling.control.Rooms;
import app.duet.signaling.control.Signaling;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/health}: 200 with a small status, for load balancers and tests. */
@Path("health")
@RequestScoped
public class HealthResource {

    @Inject
    Signaling signaling;

    @Inject
    Rooms rooms;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject health() {
        return Json.createObjectBuilder()
                .add("status", "UP")
                .add("rooms", rooms.count())
                .add("connections", signaling.connections())
                .build();
    }
}
