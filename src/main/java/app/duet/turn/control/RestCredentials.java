package app.duet.turn.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TURN REST API credentials (draft-uberti-behave-turn-rest, coturn's use-auth-secret): the
 * username is {@code "<unix expiry>:<id>"}, the password {@code base64(HMAC-SHA1(secret, username))}.
 */
public final class RestCredentials {

    private RestCredentials() {
    }

    public static String username(long expiresEpochSeconds, String id) {
        return expiresEpochSeconds + ":" + id;
    }

    public static String password(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JVM", e);
        }
    }
}
