package app.duet.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Hashes of the form Duet stored before Jakarta Security's Pbkdf2PasswordHash verify after their
 * re-encoding. The server's Pbkdf2PasswordHash is not on the test classpath, so the JDK's PBKDF2
 * checks the standard form here, as its javadoc defines it; AdminLoginIT logs in with such a hash
 * on each server.
 */
class LegacyPasswordHashTest {

    /** Made by the former PasswordHash.of("correct horse"). */
    static final String OLD = "pbkdf2-sha256$120000$Nx3IQdqIcXW+nNmHyOhycw$7SkkvEdbavLtS/IDQyMUYZOfzpWpht8HhNshlauS9Dc";

    @Test
    void aHashOfTheFormerFormVerifiesInTheStandardForm() {
        String standard = LegacyPasswordHash.standard(OLD);
        assertEquals("PBKDF2WithHmacSHA256:120000:Nx3IQdqIcXW+nNmHyOhycw==:7SkkvEdbavLtS/IDQyMUYZOfzpWpht8HhNshlauS9Dc=", standard);
        assertTrue(verify("correct horse", standard));
        assertFalse(verify("correct horse!", standard));
        assertEquals(standard, LegacyPasswordHash.standard(OLD), "the same string every time (VerifiedLogins compares it)");
    }

    @Test
    void aFreshHashMadeAsTheFormerCodeDidVerifies() {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder unpadded = Base64.getEncoder().withoutPadding();
        String old = "pbkdf2-sha256$120000$" + unpadded.encodeToString(salt) + "$"
                + unpadded.encodeToString(pbkdf2("PBKDF2WithHmacSHA256", "pässwörd €", salt, 120_000, 32));
        String standard = LegacyPasswordHash.standard(old);
        assertTrue(standard.startsWith("PBKDF2WithHmacSHA256:120000:"), standard);
        assertTrue(verify("pässwörd €", standard));
        assertFalse(verify("passwort", standard));
    }

    @Test
    void anythingElseIsLeftAsItIs() {
        String standard = LegacyPasswordHash.standard(OLD);
        for (String stored : new String[] {standard, "md5$whatever", "pbkdf2-sha256$many$c2FsdA$aGFzaA",
                "pbkdf2-sha256$120000$not*base64$aGFzaA", "pbkdf2-sha256$120000$c2FsdA", "pbkdf2-sha256$1$a$b$c", ""}) {
            assertEquals(stored, LegacyPasswordHash.standard(stored));
        }
    }

    /** {@code algorithm:iterations:base64(salt):base64(hash)}, checked with the JDK's own PBKDF2. */
    private static boolean verify(String password, String standard) {
        String[] parts = standard.split(":");
        assertEquals(4, parts.length, standard);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] hash = Base64.getDecoder().decode(parts[3]);
        assertEquals(32, hash.length);
        return MessageDigest.isEqual(hash, pbkdf2(parts[0], password, salt, Integer.parseInt(parts[1]), hash.length));
    }

    private static byte[] pbkdf2(String algorithm, String password, byte[] salt, int iterations, int bytes) {
        try {
            return SecretKeyFactory.getInstance(algorithm)
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, bytes * 8)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
