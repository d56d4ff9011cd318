package app.duet.turn.boundary;

import app.duet.turn.control.IceServers;
import app.duet.turn.entity.IceConfig;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/ice-servers}: what the call page hands to its {@code RTCPeerConnection}
 * ({@code iceServers}, {@code iceTransportPolicy}), and until when the TURN credentials hold
 * ({@code expiresAt}, epoch millis), so the page fetches fresh ones in time. Never cached.
 */
@Path("ice-servers")
@RequestScoped
public class IceServersResource {

    @Inject
    IceServers iceServers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(json(iceServers.forPage())).cacheControl(noStore).build();
    }

    static JsonObject json(IceConfig config) {
        JsonArrayBuilder servers = Json.createArrayBuilder();
        if (!config.stunUrls().isEmpty()) {
            servers.add(Json.createObjectBuilder().add("urls", Json.createArrayBuilder(config.stunUrls())));
        }
        if (!config.turnUrls().isEmpty()) {
            JsonObjectBuilder turn = Json.createObjectBuilder().add("urls", Json.createArrayBuilder(config.turnUrls()));
            turn.add("username", config.username()).add("credential", config.credential());
            servers.add(turn);
        }
        return Json.createObjectBuilder()
                .add("iceServers", servers)
                .add("iceTransportPolicy", config.transportPolicy())
                .add("expiresAt", config.expiresAt())
                .build();
    }
}
