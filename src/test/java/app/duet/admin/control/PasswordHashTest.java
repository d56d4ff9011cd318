package app.duet.admin.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void saltedPbkdf2ThatMatchesOnlyItsPassword() {
        String hash = PasswordHash.of("correct horse");
        assertTrue(hash.startsWith("pbkdf2-sha256$" + PasswordHash.ITERATIONS + "$"));
        assertFalse(hash.contains("correct"));
        assertNotEquals(hash, PasswordHash.of("correct horse"), "a fresh salt each time");
        assertTrue(PasswordHash.matches("correct horse", hash));
        assertFalse(PasswordHash.matches("correct horse!", hash));
        assertFalse(PasswordHash.matches("correct horse", "md5$whatever"));
    }
}
