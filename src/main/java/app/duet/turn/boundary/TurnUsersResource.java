package app.duet.turn.boundary;

import app.duet.platform.boundary.Body;
import app.duet.platform.entity.Refusal;
import app.duet.turn.control.TurnUsers;
import app.duet.turn.entity.TurnUser;
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
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TurnUsersResource {

    @Inject
    TurnUsers users;

    @Context
    UriInfo uri;

    @POST
    public Response create(JsonObject body) {
        TurnUser user = users.register(Body.string(body, "name", true), Body.string(body, "password", true),
                Body.utc("expiresAt", Body.string(body, "expiresAt", false)), Body.string(body, "note", false));
        return Response.created(uri.getAbsolutePathBuilder().path(user.getName()).build()).entity(json(user)).build();
    }

    /**
     * A page of the users of one kind, by name: {@code {"items":[…],"total":N,"page":P,"size":S}}
     * ({@code page} from 0, {@code size} 1 to 500, 50 by default), as {@code calls} answers.
     */
    @GET
    public JsonObject list(@QueryParam("kind") String kind, @QueryParam("page") String page, @QueryParam("size") String size) {
        TurnUser.Kind filter = kind(kind);
        int pageNumber = Body.number("page", page, 0, 0, 1_000_000);
        int pageSize = Body.number("size", size, 50, 1, 500);
        TurnUsers.Page result = users.page(filter, pageNumber, pageSize);
        JsonArrayBuilder items = Json.createArrayBuilder();
        result.items().forEach(u -> items.add(json(u)));
        return Json.createObjectBuilder().add("items", items).add("total", result.total())
                .add("page", pageNumber).add("size", pageSize).build();
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
    public JsonObject get(@PathParam("name") String name) {
        return json(users.find(name).orElseThrow(() -> Refusal.notFound("No TURN user named '" + name + "'.")));
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        if (!users.remove(name)) {
            throw Refusal.notFound("No TURN user named '" + name + "'.");
        }
        return Response.noContent().build();
    }

    @PUT
    @Path("{name}/password")
    public Response changePassword(@PathParam("name") String name, JsonObject body) {
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
