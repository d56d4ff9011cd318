package app.duet.turn.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RestCredentialsTest {

    @Test
    void usernameIsExpiryColonIdAndPasswordTheBase64HmacSha1OfIt() {
        String username = RestCredentials.username(1700000000L, "alice");
        assertEquals("1700000000:alice", username);
        // printf '1700000000:alice' | openssl dgst -sha1 -hmac north -binary | base64
        assertEquals("Cd/49soE35ICqcJF/bCTn8Z4OyE=", RestCredentials.password("north", username));
    }
}
