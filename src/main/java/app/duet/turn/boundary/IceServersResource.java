package app.duet.turn.boundary;

import app.duet.access.control.Access;
import app.duet.access.entity.TokenRefused;
import app.duet.platform.boundary.Problems;
import app.duet.platform.control.TrustedProxies;
import app.duet.signaling.control.ClientLimits;
import app.duet.turn.control.IceServers;
import app.duet.turn.entity.IceConfig;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/ice-servers}: what a page hands to its {@code RTCPeerConnection}
 * ({@code iceServers}, {@code iceTransportPolicy}), and until when the TURN credentials hold
 * ({@code expiresAt}, epoch millis). Peers in a room get the same in {@code joined}; this stays for
 * the diagnostics page and clients that need it before joining: in token mode only with
 * {@code Authorization: Bearer <join token>} (401 otherwise), in open mode limited per client
 * address (429), and in users mode refused (503) while {@code duet.turn.users.max} are live. Never cached.
 */
@Path("ice-servers")
@RequestScoped
public class IceServersResource {

    private static final String BEARER = "Bearer ";

    @Inject
    IceServers iceServers;

    @Inject
    Access access;

    @Inject
    ClientLimits limits;

    @Inject
    TrustedProxies proxies;

    @Context
    HttpServletRequest request;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String token = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).strip() : null;
        try {
            access.checkBearer(token);
        } catch (TokenRefused e) {
            return problem(Response.Status.UNAUTHORIZED, "unauthorized", e.getMessage())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
        }
        if (!limits.iceAllowed(proxies.clientAddress(request), System.nanoTime())) {
            return problem(Response.Status.TOO_MANY_REQUESTS, "rate-limited",
                    "Too many requests for ICE servers from your address; try again in a minute.")
                    .header("Retry-After", "60").build();
        }
        IceConfig config = iceServers.forPage();
        if (config.capped()) {
            return problem(Response.Status.SERVICE_UNAVAILABLE, "turn-users-exhausted",
                    "Too many TURN credentials are live right now; try again later.")
                    .header("Retry-After", "60").build();
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(IceServers.json(config)).cacheControl(noStore).build();
    }

    private static Response.ResponseBuilder problem(Response.Status status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Problems.json(error, null, message));
    }
}
