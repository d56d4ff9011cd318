package app.duet.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.duet.access.entity.JoinGrant;
import app.duet.access.entity.TokenRefused;
import app.duet.access.entity.TokenRefused.Reason;
import app.duet.testing.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessTest {

    static final Access OPEN = new Access(AccessSettings.of(Map.of("token.secrets", Tokens.SECRET)));
    static final Access TOKEN = new Access(AccessSettings.of(Map.of("access", "token", "token.secrets", Tokens.SECRET)));

    @Test
    void openModeLetsInWithoutATokenButStillChecksOneThatComes() throws Exception {
        assertNull(OPEN.admit(null, "r"));
        assertEquals("Ann", OPEN.admit(Tokens.forRoom("r", "Ann", null), "r").name());
        assertEquals(Reason.INVALID, assertThrows(TokenRefused.class, () -> OPEN.admit("broken", "r")).reason());
        OPEN.checkBearer(null);
    }

    @Test
    void tokenModeNeedsATokenForTheRoom() throws Exception {
        assertEquals(Reason.MISSING, assertThrows(TokenRefused.class, () -> TOKEN.admit(null, "r")).reason());
        assertEquals(Reason.WRONG_ROOM, assertThrows(TokenRefused.class, () -> TOKEN.admit(Tokens.forRoom("r"), "other")).reason());
        assertEquals("r", TOKEN.admit(Tokens.forRoom("r"), "r").room());
        assertEquals(Reason.MISSING, assertThrows(TokenRefused.class, () -> TOKEN.checkBearer(null)).reason());
        TOKEN.checkBearer(Tokens.forRoom("any"));
    }

    @Test
    void aCountedTokenAdmitsAsOftenAsItSaysAndAFailedJoinGivesItsUseBack() throws Exception {
        String token = new JoinTokens(AccessSettings.of(Map.of("token.secrets", Tokens.SECRET)))
                .mint("r", null, Instant.now().plus(Duration.ofMinutes(5)), 2L);
        JoinGrant first = TOKEN.admit(token, "r");
        TOKEN.unused(first); // say the room was full
        TOKEN.admit(token, "r");
        TOKEN.admit(token, "r");
        assertEquals(Reason.USED_UP, assertThrows(TokenRefused.class, () -> TOKEN.admit(token, "r")).reason());
    }

    @Test
    void theUseTableIsBoundedAndForgetsExpiredTokens() {
        TokenUses uses = new TokenUses(2);
        long now = System.currentTimeMillis();
        JoinGrant a = new JoinGrant("r", null, null, Instant.ofEpochMilli(now), "a", 1);
        JoinGrant b = new JoinGrant("r", null, null, Instant.ofEpochMilli(now + 600_000), "b", 1);
        JoinGrant c = new JoinGrant("r", null, null, Instant.ofEpochMilli(now + 600_000), "c", 1);
        assertEquals(true, uses.take(a, now));
        assertEquals(true, uses.take(b, now));
        assertEquals(false, uses.take(c, now), "full, and nothing has expired");
        assertEquals(true, uses.take(c, now + JoinTokens.LEEWAY_SECONDS * 1000L + 1), "a's token expired: its entry goes");
        assertEquals(2, uses.size());
    }
}
