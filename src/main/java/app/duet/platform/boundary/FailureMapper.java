package app.duet.platform.boundary;

import app.duet.platform.entity.Refusal;
import jakarta.json.JsonException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything else: HTTP errors keep their status with a JSON body; an unexpected failure is
 * logged and answered 500 without details. A Refusal wrapped by a transaction interceptor is
 * unwrapped; a body that is not JSON is a 400, and so is a value too long for its column (SQL
 * state 22001, the same on H2, PostgreSQL and HSQLDB) that no resource refused before.
 */
@Provider
public class FailureMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(FailureMapper.class.getName());
    private static final String TOO_LONG = "22001";

    @Override
    public Response toResponse(Throwable failure) {
        return problem(failure);
    }

    /** The JSON problem for any failure (shared with {@link TransactionFailureMapper}). */
    static Response problem(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Refusal refusal) {
                return Problems.of(refusal);
            }
            if (cause instanceof JsonException) {
                return Problems.of(Response.Status.BAD_REQUEST, "invalid", "body", "The request body is not valid JSON.");
            }
            if (cause instanceof SQLException sql && tooLong(sql)) {
                return Problems.of(Response.Status.BAD_REQUEST, "invalid", null, "A value is longer than allowed.");
            }
        }
        if (failure instanceof WebApplicationException web) {
            int code = web.getResponse().getStatus();
            Response.Status status = Response.Status.fromStatusCode(code);
            if (status == null) {
                return Problems.of(code >= 500 ? Response.Status.INTERNAL_SERVER_ERROR : Response.Status.BAD_REQUEST,
                        code >= 500 ? "error" : "bad-request", null, null);
            }
            Response problem = Problems.of(status, error(status), null, status.getReasonPhrase());
            String allow = web.getResponse().getHeaderString("Allow");
            return allow == null ? problem : Response.fromResponse(problem).header("Allow", allow).build();
        }
        LOG.log(Level.WARNING, "REST request failed", failure);
        return Problems.of(Response.Status.INTERNAL_SERVER_ERROR, "internal", null, "The server failed to handle the request.");
    }

    private static boolean tooLong(SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException()) {
            if (TOO_LONG.equals(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String error(Response.Status status) {
        return switch (status) {
            case NOT_FOUND -> "not-found";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            case NOT_ACCEPTABLE -> "not-acceptable";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            default -> status.getFamily() == Response.Status.Family.CLIENT_ERROR ? "bad-request" : "error";
        };
    }
}
