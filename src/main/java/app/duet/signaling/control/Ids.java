package app.duet.signaling.control;

import java.security.SecureRandom;
import java.util.Base64;

/** Random peer ids and resume tokens (base64url). */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private Ids() {
    }

    public static String random(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return BASE64.encodeToString(random);
    }
}
