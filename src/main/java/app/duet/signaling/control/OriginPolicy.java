package app.duet.signaling.control;

import app.duet.platform.control.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;

/**
 * Which pages may open a signaling socket: the page's own origin (the {@code Origin} header names
 * the scheme, host and port the socket is opened on: an {@code https} page for an {@code http}
 * request is another origin, and {@code ws:}/{@code wss:} are never a page's), origins listed in
 * {@code duet.allowed.origins}, or any when that list holds {@code *}. Clients that send no
 * {@code Origin} (not browsers) are let through: the check protects users' browsers from foreign
 * pages, it is not authentication.
 */
@ApplicationScoped
public class OriginPolicy {

    @Inject
    Settings settings;

    public OriginPolicy() {
    }

    OriginPolicy(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param host the request's {@code Host} header
     * @param scheme the scheme the client used, {@code http} or {@code https} (behind a trusted
     *     proxy, its {@code X-Forwarded-Proto})
     */
    public boolean allows(String origin, String host, String scheme) {
        if (origin == null || origin.isEmpty()) {
            return true;
        }
        for (String allowed : settings.allowedOrigins()) {
            if (allowed.equals("*") || allowed.equalsIgnoreCase(origin)) {
                return true;
            }
        }
        return host != null && scheme != null && sameOrigin(origin, host, scheme);
    }

    private static boolean sameOrigin(String origin, String host, String scheme) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (Exception e) {
            return false;
        }
        if (uri.getHost() == null || uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase(scheme)
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return false;
        }
        int defaultPort = scheme.equalsIgnoreCase("https") ? 443 : 80;
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        String expected = port == defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
        String given = host.toLowerCase(Locale.ROOT);
        return given.equals(expected.toLowerCase(Locale.ROOT))
                || given.equals((uri.getHost() + ":" + port).toLowerCase(Locale.ROOT));
    }
}
