package app.duet.platform.boundary;

import app.duet.signaling.control.RoomEngine;
import app.duet.signaling.control.Signaling;
import app.duet.signaling.entity.EngineState;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/health}: 200 with a small status, for load balancers and tests, including what
 * keeps the rooms ({@code memory}, or {@code redis} with whether it is reachable and how many nodes).
 */
@Path("health")
@RequestScoped
public class HealthResource {

    @Inject
    Signaling signaling;

    @Inject
    RoomEngine rooms;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject health() {
        EngineState engine = rooms.state();
        JsonObjectBuilder state = Json.createObjectBuilder().add("type", engine.engine())
                .add("connected", engine.connected()).add("nodes", engine.nodes());
        if (engine.node() != null) {
            state.add("node", engine.node());
        }
        return Json.createObjectBuilder()
                .add("status", "UP")
                .add("rooms", rooms.count())
                .add("connections", signaling.connections())
                .add("engine", state)
                .build();
    }
}
