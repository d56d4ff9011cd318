package app.duet.admin.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerifiedLoginsTest {

    private final VerifiedLogins verified = new VerifiedLogins();

    @Test
    void aPairThatPassedIsKnownUntilItExpiresOrThePasswordChanges() {
        verified.remember("admin", "secret", "hash-1", 1000);
        assertTrue(verified.known("admin", "secret", "hash-1", 1000 + VerifiedLogins.TTL_MS - 1));
        assertFalse(verified.known("admin", "secret", "hash-1", 1000 + VerifiedLogins.TTL_MS), "expired");
        assertFalse(verified.known("admin", "secret", "hash-2", 1001), "the password was changed since");
        assertFalse(verified.known("admin", "Secret", "hash-1", 1001), "another password");
        assertFalse(verified.known("admin2", "secret", "hash-1", 1001), "another name");
        // the name and password are not simply glued together
        verified.remember("ab", "c", "h", 1000);
        assertFalse(verified.known("a", "bc", "h", 1001));
    }

    @Test
    void holdsAtMostMaxPairsAndMakesRoomFromExpiredOnes() {
        for (int i = 0; i < VerifiedLogins.MAX; i++) {
            verified.remember("user" + i, "pw", "h", 0);
        }
        verified.remember("late", "pw", "h", 1);
        assertFalse(verified.known("late", "pw", "h", 2), "full: not remembered");
        verified.remember("later", "pw", "h", VerifiedLogins.TTL_MS);
        assertTrue(verified.known("later", "pw", "h", VerifiedLogins.TTL_MS + 1), "the expired ones made room");
    }
}
