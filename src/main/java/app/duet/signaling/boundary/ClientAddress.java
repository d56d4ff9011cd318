package app.duet.signaling.boundary;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.websocket.Session;
import java.security.Principal;
import java.util.logging.Logger;

/**
 * The client's address, carried from the handshake to its socket: JSR-356 tells an endpoint
 * nothing of the request, but every container hands the handshake request's user principal to
 * {@link Session#getUserPrincipal()}. {@link HandshakeFilter} passes the request on wrapped so
 * that its principal is this; being created only there, it cannot be forged by a client (a
 * container that dropped it would leave the socket without an address, never with a false one).
 */
record ClientAddress(String address) implements Principal {

    private static final Logger LOG = Logger.getLogger(ClientAddress.class.getName());
    private static volatile boolean warned;

    @Override
    public String getName() {
        return address;
    }

    /** The request as the upgrade will see it: its user principal is the client's address. */
    HttpServletRequest carriedBy(HttpServletRequest request) {
        ClientAddress self = this;
        return new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return self;
            }
        };
    }

    /** The address of the socket's client; null (said once in the log) if the container lost it. */
    static String of(Session session) {
        if (session.getUserPrincipal() instanceof ClientAddress client) {
            return client.address();
        }
        if (!warned) {
            warned = true;
            LOG.warning("A signaling socket arrived without its client address: the limits per address do not apply to it");
        }
        return null;
    }
}
