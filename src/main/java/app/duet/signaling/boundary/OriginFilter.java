package app.duet.signaling.boundary;

import app.duet.platform.control.TrustedProxies;
import app.duet.signaling.control.OriginPolicy;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses the WebSocket handshake of pages from foreign origins with 403, before the upgrade.
 * (A {@code ServerEndpointConfig.Configurator} sees the Origin but not the Host, so it cannot
 * tell a same-origin page.)
 */
@WebFilter("/signal/*")
public class OriginFilter extends HttpFilter {

    @Inject
    OriginPolicy policy;

    @Inject
    TrustedProxies proxies;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!policy.allows(request.getHeader("Origin"), request.getHeader("Host"), proxies.scheme(request))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "This origin may not open a signaling socket.");
            return;
        }
        chain.doFilter(request, response);
    }
}
