package app.duet.access.boundary;

import app.duet.access.control.AccessSettings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/access}: {@code {"mode":"open"|"token"}}, so the call page knows whether a
 * room can be made up on the spot or comes with its token. Nothing else about the set-up.
 */
@Path("access")
@RequestScoped
public class AccessResource {

    @Inject
    AccessSettings settings;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject get() {
        return Json.createObjectBuilder().add("mode", settings.mode().wire()).build();
    }
}
