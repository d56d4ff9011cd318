package app.duet.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void offUnlessReceiversAreSet() {
        assertFalse(WebhookSettings.of(Map.of()).enabled());
        WebhookSettings on = WebhookSettings.of(Map.of("webhook.urls", "https://hooks.example.com/duet, http://10.0.0.5:8080/in",
                "webhook.secret", SECRET));
        assertTrue(on.enabled());
        assertEquals(List.of("https://hooks.example.com/duet", "http://10.0.0.5:8080/in"), on.urls());
    }

    @Test
    void onlyHttpAndHttpsReceiversWithAHost() {
        for (String url : List.of("ftp://example.com/x", "file:///etc/passwd", "example.com/hook", "http:///nohost",
                "https://user:pw@example.com/", "https://example.com/#frag", "http://exa mple.com/")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> WebhookSettings.of(Map.of("webhook.urls", url, "webhook.secret", SECRET)), url);
            assertTrue(e.getMessage().contains("duet.webhook.urls"), e.getMessage());
        }
    }

    @Test
    void receiversNeedASecretOfAtLeast32Bytes() {
        assertThrows(IllegalStateException.class, () -> WebhookSettings.of(Map.of("webhook.urls", "https://example.com/")));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WebhookSettings.of(Map.of(
                "webhook.urls", "https://example.com/", "webhook.secret", SECRET.substring(1))));
        assertTrue(e.getMessage().contains("duet.webhook.secret") && !e.getMessage().contains(SECRET.substring(1)),
                "names the setting, hides the value: " + e.getMessage());
    }

    @Test
    void theLongestWaitIsNoShorterThanTheFirst() {
        assertThrows(IllegalStateException.class, () -> WebhookSettings.of(Map.of("webhook.retry.initial.millis", "5000",
                "webhook.retry.max.millis", "1000")));
    }
}
