package app.duet.admin.boundary;

import app.duet.platform.control.TrustedProxies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether an admin API request may be answered: it came over HTTPS (its own connection, or a
 * trusted proxy says {@code X-Forwarded-Proto: https}), or straight from the machine itself
 * (a loopback peer that forwards nobody: a proxy on the same machine that is not configured as
 * trusted does not make its clients local).
 */
@ApplicationScoped
public class AdminTransport {

    private static final String[] FORWARDING = {"X-Forwarded-For", "X-Forwarded-Proto", "Forwarded", "X-Real-IP"};

    @Inject
    TrustedProxies proxies;

    public boolean allowed(HttpServletRequest request) {
        return proxies.secure(request) || (!forwarded(request) && TrustedProxies.loopback(proxies.clientAddress(request)));
    }

    private static boolean forwarded(HttpServletRequest request) {
        for (String header : FORWARDING) {
            if (request.getHeader(header) != null) {
                return true;
            }
        }
        return false;
    }

    /** {@code /api/admin} and below, as the URI says (web.xml's constraint covers the decoded forms as well). */
    static boolean adminPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api/admin") || path.startsWith("/api/admin/");
    }
}
