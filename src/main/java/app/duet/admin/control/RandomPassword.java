package app.duet.admin.control;

import java.security.SecureRandom;
import java.util.Base64;

/** Random passwords: the initial {@code admin} password when none is configured, and the identity store's dummy. */
final class RandomPassword {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomPassword() {
    }

    /** {@code bytes} random bytes, URL-safe base64 without padding. */
    static String of(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
