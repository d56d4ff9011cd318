package app.duet.signaling.control;

import app.duet.platform.control.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;

/**
 * Which pages may open a signaling socket: the page's own origin (the {@code Origin} header names
 * the host the socket is opened on), origins listed in {@code duet.allowed.origins}, or any when
 * that list holds {@code *}. Clients that send no {@code Origin} (not browsers) are let through:
 * the check protects users' browsers from foreign pages, it is not authentication.
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

    public boolean allows(String origin, String host) {
        if (origin == null || origin.isEmpty()) {
            return true;
        }
        for (String allowed : settings.allowedOrigins()) {
            if (allowed.equals("*") || allowed.equalsIgnoreCase(origin)) {
                return true;
            }
        }
        return host != null && sameAuthority(origin, host);
    }

    private static boolean sameAuthority(String origin, String host) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (Exception e) {
            return false;
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return false;
        }
        int defaultPort = uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        String expected = port == defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
        String given = host.toLowerCase(Locale.ROOT);
        return given.equals(expected.toLowerCase(Locale.ROOT))
                || given.equals((uri.getHost() + ":" + port).toLowerCase(Locale.ROOT));
    }
}
