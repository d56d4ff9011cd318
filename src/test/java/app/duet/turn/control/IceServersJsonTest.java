package app.duet.turn.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.duet.turn.entity.IceConfig;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class IceServersJsonTest {

    @Test
    void listsStunThenTurnWithItsCredentials() {
        JsonObject json = IceServers.json(new IceConfig(List.of("stun:a.example:3478"),
                List.of("turn:t.example:3478?transport=udp", "turns:t.example:5349"), "1700000000:abc", "c2VjcmV0", 42, "relay", false));
        assertEquals("{\"iceServers\":[{\"urls\":[\"stun:a.example:3478\"]},{\"urls\":[\"turn:t.example:3478?transport=udp\","
                + "\"turns:t.example:5349\"],\"username\":\"1700000000:abc\",\"credential\":\"c2VjcmV0\"}],"
                + "\"iceTransportPolicy\":\"relay\",\"expiresAt\":42}", json.toString());
    }

    @Test
    void emptyWithoutServers() {
        assertEquals("{\"iceServers\":[],\"iceTransportPolicy\":\"all\",\"expiresAt\":1}",
                IceServers.json(new IceConfig(List.of(), List.of(), null, null, 1, "all", false)).toString());
    }
}
