package app.duet.admin.boundary;

import app.duet.platform.entity.Refusal;
import app.duet.signaling.control.Rooms;
import app.duet.signaling.entity.RoomView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /api/admin/rooms}: the live rooms of this node; DELETE closes one. */
@Path("admin/rooms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RoomsResource {

    @Inject
    Rooms rooms;

    @GET
    public JsonArray list() {
        JsonArrayBuilder all = Json.createArrayBuilder();
        for (RoomView room : rooms.snapshot()) {
            JsonArrayBuilder peers = Json.createArrayBuilder();
            for (RoomView.PeerView peer : room.peers()) {
                JsonObjectBuilder json = Json.createObjectBuilder().add("id", peer.id());
                if (peer.name() == null) {
                    json.addNull("name");
                } else {
                    json.add("name", peer.name());
                }
                peers.add(json.add("polite", peer.polite()).add("away", peer.away()));
            }
            JsonObjectBuilder json = Json.createObjectBuilder().add("id", room.id()).add("peers", peers);
            if (room.callId() == null) {
                json.addNull("callId");
            } else {
                json.add("callId", room.callId());
            }
            all.add(json);
        }
        return all.build();
    }

    @DELETE
    @Path("{room}")
    public Response close(@PathParam("room") String room) {
        if (!rooms.close(room)) {
            throw Refusal.notFound("No live room '" + room + "'.");
        }
        return Response.noContent().build();
    }
}
