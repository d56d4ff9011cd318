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
        assertTrue(policy.allows("http://localhost:8080", "localhost:8080"));
        assertTrue(policy.allows("https://duet.example", "duet.example"));
        assertTrue(policy.allows("https://duet.example", "duet.example:443"));
        assertTrue(policy.allows("https://Duet.Example:8181", "duet.example:8181"));
        assertTrue(policy.allows(null, "duet.example"), "non-browser clients send no Origin");
        assertFalse(policy.allows("https://evil.example", "duet.example"));
        assertFalse(policy.allows("http://localhost:8081", "localhost:8080"));
        assertFalse(policy.allows("null", "localhost:8080"));
    }

    @Test
    void configuredOriginsAndWildcard() {
        OriginPolicy listed = new OriginPolicy(Settings.of(Map.of("allowed.origins", "https://a.example, https://b.example")));
        assertTrue(listed.allows("https://b.example", "duet.example"));
        assertFalse(listed.allows("https://c.example", "duet.example"));
        assertTrue(new OriginPolicy(Settings.of(Map.of("allowed.origins", "*"))).allows("https://c.example", "x"));
    }
}
