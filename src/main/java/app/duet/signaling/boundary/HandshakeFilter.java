package app.duet.signaling.boundary;

import app.duet.platform.control.TrustedProxies;
import app.duet.signaling.control.ClientLimits;
import app.duet.signaling.control.OriginPolicy;
import app.duet.signaling.entity.ClientLimit;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The gate of the signaling handshake, before the upgrade (on every server the WebSocket upgrade
 * runs after the application's filters): pages from foreign origins get 403; an address over its
 * sockets or its rate of new sockets gets 429 (a browser only sees a failed socket, and the page
 * retries); the rest go on with the client's address as the request's user principal
 * ({@link ClientAddress}). A {@code ServerEndpointConfig.Configurator} could do neither: it sees
 * no Host, no peer address, and on some servers one config is shared by concurrent handshakes.
 */
@WebFilter("/signal/*")
public class HandshakeFilter extends HttpFilter {

    @Inject
    OriginPolicy origins;

    @Inject
    TrustedProxies proxies;

    @Inject
    ClientLimits limits;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!origins.allows(request.getHeader("Origin"), request.getHeader("Host"), proxies.scheme(request))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "This origin may not open a signaling socket.");
            return;
        }
        String address = proxies.clientAddress(request);
        ClientLimit refused = limits.handshake(address, System.nanoTime());
        if (refused != null) {
            response.setHeader("Retry-After", "1");
            response.sendError(429, refused == ClientLimit.SOCKETS
                    ? "Too many signaling sockets from your address."
                    : "Too many new signaling sockets from your address; slow down.");
            return;
        }
        chain.doFilter(new ClientAddress(address).carriedBy(request), response);
    }
}
