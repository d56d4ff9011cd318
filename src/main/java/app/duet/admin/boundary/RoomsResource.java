package app.duet.admin.boundary;

import app.duet.platform.boundary.Body;
import app.duet.platform.entity.Refusal;
import app.duet.signaling.control.RoomEngine;
import app.duet.signaling.entity.RoomView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/admin/rooms}: the live rooms (in cluster mode, of every node, each peer with the
 * node that holds it); DELETE closes one, wherever its peers are.
 */
@Path("admin/rooms")
@Tag(name = "rooms")
@ApiResponse(responseCode = "401", ref = "unauthorized")
@ApiResponse(responseCode = "403", ref = "forbidden")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RoomsResource {

    @Inject
    RoomEngine rooms;

    @GET
    @Operation(operationId = "listRooms", summary = "Live rooms with their peers",
            responses = @ApiResponse(responseCode = "200", description = "Every live room.",
                    content = @Content(array = @ArraySchema(schema = @Schema(ref = "Room")))))
    public Response list() {
        JsonArrayBuilder all = Json.createArrayBuilder();
        for (RoomView room : rooms.snapshot()) {
            JsonArrayBuilder peers = Json.createArrayBuilder();
            for (RoomView.PeerView peer : room.peers()) {
                JsonObjectBuilder view = Body.put(Json.createObjectBuilder().add("id", peer.id()), "name", peer.name())
                        .add("polite", peer.polite()).add("away", peer.away());
                if (peer.node() != null) {
                    view.add("node", peer.node());
                }
                peers.add(view);
            }
            all.add(Body.put(Json.createObjectBuilder().add("id", room.id()).add("peers", peers), "callId", room.callId()));
        }
        return Response.ok(all.build()).build();
    }

    @DELETE
    @Path("{room}")
    @Operation(operationId = "closeRoom", summary = "Close a room",
            description = "Its peers get `room-closed`; the call ends as `closed-by-admin`.",
            responses = {@ApiResponse(responseCode = "204", description = "Closed."),
                    @ApiResponse(responseCode = "404", ref = "notFound")})
    public Response close(@PathParam("room") String room) {
        if (!rooms.close(room)) {
            throw Refusal.notFound("No live room '" + room + "'.");
        }
        return Response.noContent().build();
    }
}
