package app.duet.platform.boundary;

import app.duet.platform.entity.Refusal;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * JSON error bodies of the REST API: {@code {"error":…,"field":…,"message":…}}, never a stack
 * trace; as a JAX-RS response, or written by a servlet filter or authentication mechanism.
 */
public final class Problems {

    private Problems() {
    }

    public static JsonObject json(String error, String field, String message) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("error", error);
        if (field != null) {
            body.add("field", field);
        }
        return body.add("message", message).build();
    }

    public static Response of(Response.Status status, String error, String field, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(json(error, field, message == null ? status.getReasonPhrase() : message)).build();
    }

    public static Response of(Refusal refusal) {
        return switch (refusal.kind()) {
            case INVALID -> of(Response.Status.BAD_REQUEST, "invalid", refusal.field(), refusal.getMessage());
            case NOT_FOUND -> of(Response.Status.NOT_FOUND, "not-found", refusal.field(), refusal.getMessage());
            case CONFLICT -> of(Response.Status.CONFLICT, "conflict", refusal.field(), refusal.getMessage());
        };
    }

    /** Answers the servlet response with a problem and commits it, so nothing later replaces it. */
    public static void write(HttpServletResponse response, int status, String error, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json(error, null, message).toString());
        response.flushBuffer();
    }
}
