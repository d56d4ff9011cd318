package app.duet.platform.boundary;

import app.duet.platform.entity.Refusal;
import jakarta.json.JsonException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything else: HTTP errors keep their status with a JSON body; an unexpected failure is
 * logged and answered 500 without details. A Refusal wrapped by a transaction interceptor is
 * unwrapped; a body that is not JSON is a 400.
 */
@Provider
public class FailureMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(FailureMapper.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Refusal refusal) {
                return Problems.of(refusal);
            }
            if (cause instanceof JsonException) {
                return Problems.of(Response.Status.BAD_REQUEST, "invalid", "body", "The request body is not valid JSON.");
            }
        }
        if (failure instanceof WebApplicationException web) {
            Response.Status status = Response.Status.fromStatusCode(web.getResponse().getStatus());
            if (status == null) {
                return web.getResponse();
            }
            return Problems.of(status, status.getFamily() == Response.Status.Family.CLIENT_ERROR ? "bad-request" : "error",
                    null, status.getReasonPhrase());
        }
        LOG.log(Level.WARNING, "REST request failed", failure);
        return Problems.of(Response.Status.INTERNAL_SERVER_ERROR, "internal", null, "The server failed to handle the request.");
    }
}
