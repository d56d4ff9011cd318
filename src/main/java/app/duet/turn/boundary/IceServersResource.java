package app.duet.turn.boundary;

import app.duet.platform.control.Settings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/ice-servers}: the {@code RTCIceServer} list the call page hands to its
 * {@code RTCPeerConnection}. The page never hard-codes servers.
 */
@Path("ice-servers")
@RequestScoped
public class IceServersResource {

    @Inject
    Settings settings;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject iceServers() {
        JsonArrayBuilder servers = Json.createArrayBuilder();
        if (!settings.stunUrls().isEmpty()) {
            servers.add(Json.createObjectBuilder().add("urls", Json.createArrayBuilder(settings.stunUrls())));
        }
        return Json.createObjectBuilder().add("iceServers", servers).build();
    }
}
