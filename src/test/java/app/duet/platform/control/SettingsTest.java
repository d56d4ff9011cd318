package app.duet.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaults() {
        Settings settings = Settings.of(Map.of());
        assertEquals(65536, settings.maxMessageBytes());
        assertEquals(Duration.ofSeconds(10), settings.heartbeatInterval());
        assertEquals(Duration.ofSeconds(30), settings.heartbeatTimeout());
        assertEquals(Duration.ofSeconds(15), settings.resumeGrace());
        assertEquals(List.of(), settings.allowedOrigins());
    }

    @Test
    void readsValues() {
        Settings settings = Settings.of(Map.of("heartbeat.seconds", "0.5", "heartbeat.timeout.seconds", "2",
                "allowed.origins", " https://a.example ,,https://b.example"));
        assertEquals(Duration.ofMillis(500), settings.heartbeatInterval());
        assertEquals(List.of("https://a.example", "https://b.example"), settings.allowedOrigins());
    }

    @Test
    void badValuesNameTheSettingAndItsVariable() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Settings.of(Map.of("rate.burst", "lots")));
        assertTrue(e.getMessage().contains("duet.rate.burst") && e.getMessage().contains("DUET_RATE_BURST"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Settings.of(Map.of("max.message.bytes", "-1")));
        assertThrows(IllegalStateException.class,
                () -> Settings.of(Map.of("heartbeat.seconds", "30", "heartbeat.timeout.seconds", "30")));
    }
}
