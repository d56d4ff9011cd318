package app.duet.signaling.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.platform.control.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    @Test
    void sameOriginOnlyByDefault() {
        OriginPolicy policy = new OriginPolicy(Settings.of(Map.of()));
        assertTrue(policy.allows("http://localhost:8080", "localhost:8080", "http"));
        assertTrue(policy.allows("https://duet.example", "duet.example", "https"));
        assertTrue(policy.allows("https://duet.example", "duet.example:443", "https"));
        assertTrue(policy.allows("https://Duet.Example:8181", "duet.example:8181", "https"));
        assertTrue(policy.allows(null, "duet.example", "http"), "non-browser clients send no Origin");
        assertFalse(policy.allows("https://evil.example", "duet.example", "https"));
        assertFalse(policy.allows("http://localhost:8081", "localhost:8080", "http"));
        assertFalse(policy.allows("null", "localhost:8080", "http"));
    }

    @Test
    void theSchemeIsPartOfTheOrigin() {
        OriginPolicy policy = new OriginPolicy(Settings.of(Map.of()));
        assertFalse(policy.allows("https://localhost:8080", "localhost:8080", "http"), "an https page for a plain-http request");
        assertFalse(policy.allows("http://duet.example", "duet.example", "https"), "an http page for an https request");
        assertFalse(policy.allows("ws://localhost:8080", "localhost:8080", "http"), "ws: is no page's origin");
        assertFalse(policy.allows("wss://duet.example", "duet.example", "https"), "wss: is no page's origin");
        assertFalse(policy.allows("ws://duet.example", "duet.example", "ws"), "nor is ws: a request's scheme");
        assertTrue(policy.allows("HTTPS://duet.example", "duet.example", "https"), "schemes are case-insensitive");
        assertFalse(policy.allows("https://duet.example:80", "duet.example", "http"), "ports follow the request's scheme");
    }

    @Test
    void configuredOriginsAndWildcard() {
        OriginPolicy listed = new OriginPolicy(Settings.of(Map.of("allowed.origins", "https://a.example, https://b.example")));
        assertTrue(listed.allows("https://b.example", "duet.example", "http"));
        assertFalse(listed.allows("https://c.example", "duet.example", "https"));
        assertTrue(new OriginPolicy(Settings.of(Map.of("allowed.origins", "*"))).allows("https://c.example", "x", "http"));
    }
}
