package app.duet.platform.boundary;

import app.duet.platform.entity.Refusal;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** JSON error bodies of the REST API: {@code {"error":…,"field":…,"message":…}}, never a stack trace. */
public final class Problems {

    private Problems() {
    }

    public static Response of(Response.Status status, String error, String field, String message) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("error", error);
        if (field != null) {
            body.add("field", field);
        }
        body.add("message", message == null ? status.getReasonPhrase() : message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.build()).build();
    }

    public static Response of(Refusal refusal) {
        return switch (refusal.kind()) {
            case INVALID -> of(Response.Status.BAD_REQUEST, "invalid", refusal.field(), refusal.getMessage());
            case NOT_FOUND -> of(Response.Status.NOT_FOUND, "not-found", refusal.field(), refusal.getMessage());
            case CONFLICT -> of(Response.Status.CONFLICT, "conflict", refusal.field(), refusal.getMessage());
        };
    }
}
