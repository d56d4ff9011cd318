package app.duet.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.access.entity.Invite;
import app.duet.platform.entity.Refusal;
import app.duet.testing.Tokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an admin may send to {@code POST api/admin/invites}: each bad field refused by name, nothing signed. */
class InvitesTest {

    static Invites invites(Map<String, String> settings) {
        Invites invites = new Invites();
        invites.tokens = new JoinTokens(AccessSettings.of(settings));
        return invites;
    }

    static final Invites SIGNING = invites(Map.of("token.secrets", Tokens.SECRET));

    private static Refusal refused(Invites invites, String room, String name, Long expiresIn, Long uses) {
        return assertThrows(Refusal.class, () -> invites.create(room, name, expiresIn, uses));
    }

    @Test
    void refusesEachBadFieldByName() {
        assertEquals("room", refused(SIGNING, "no spaces", null, null, null).field());
        assertEquals("room", refused(SIGNING, "x".repeat(65), null, null, null).field());
        assertEquals("name", refused(SIGNING, null, "   ", null, null).field());
        assertEquals("name", refused(SIGNING, null, "n".repeat(65), null, null).field());
        assertEquals("expiresIn", refused(SIGNING, null, null, 0L, null).field());
        assertEquals("expiresIn", refused(SIGNING, null, null, Long.MAX_VALUE, null).field());
        assertEquals("uses", refused(SIGNING, null, null, null, 0L).field());
        assertEquals("uses", refused(SIGNING, null, null, null, -5L).field());
        assertEquals(Refusal.Kind.CONFLICT, refused(invites(Map.of("token.public.keys", JoinTokensTest.PEM)), "r", null, null, null).kind(),
                "no secret to sign with");
    }

    @Test
    void aFreshRoomIsUnguessableAndTheTokenAdmitsIt() throws Exception {
        Invite invite = SIGNING.create(null, " Ann ", 60L, null);
        assertTrue(invite.room().matches("[A-Za-z0-9_-]{22}"), invite.room());
        assertEquals("Ann", SIGNING.tokens.verify(invite.token()).name());
        assertTrue(SIGNING.tokens.verify(invite.token()).admits(invite.room()));
    }
}
