package app.duet.admin.control;

import java.util.Base64;

/**
 * The form Duet stored password hashes in before {@link PasswordHashes}:
 * {@code pbkdf2-sha256$iterations$salt$hash}, base64 without padding, of PBKDF2-HMAC-SHA256 with a
 * 32-byte key. That is the derivation the standard form {@code PBKDF2WithHmacSHA256:iterations:salt:hash}
 * names, so such a hash is re-encoded into it, losslessly, and verifies as it is: no password needs
 * to be set again.
 */
final class LegacyPasswordHash {

    private static final String PREFIX = "pbkdf2-sha256$";

    private LegacyPasswordHash() {
    }

    /**
     * {@code stored} in the standard form: re-encoded when it is of the old one, else as it is.
     * The same row always gives the same string ({@link VerifiedLogins} compares it).
     */
    static String standard(String stored) {
        if (!stored.startsWith(PREFIX)) {
            return stored;
        }
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 4) {
            return stored;
        }
        try {
            return "PBKDF2WithHmacSHA256:" + Integer.parseInt(parts[1]) + ":" + padded(parts[2]) + ":" + padded(parts[3]);
        } catch (IllegalArgumentException e) {
            return stored;
        }
    }

    private static String padded(String base64) {
        return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(base64));
    }
}
