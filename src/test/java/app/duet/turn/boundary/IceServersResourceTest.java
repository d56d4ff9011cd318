package app.duet.turn.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.duet.platform.control.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IceServersResourceTest {

    @Test
    void listsTheConfiguredStunServers() {
        IceServersResource resource = new IceServersResource();
        resource.settings = Settings.of(Map.of("stun.urls", "stun:a.example:3478,stun:b.example"));
        assertEquals("{\"iceServers\":[{\"urls\":[\"stun:a.example:3478\",\"stun:b.example\"]}]}",
                resource.iceServers().toString());
        resource.settings = Settings.of(Map.of());
        assertEquals("{\"iceServers\":[]}", resource.iceServers().toString());
    }

    @Test
    void refusesAUrlThatIsNotStun() {
        assertThrows(IllegalStateException.class, () -> Settings.of(Map.of("stun.urls", "http://a.example")));
    }
}
