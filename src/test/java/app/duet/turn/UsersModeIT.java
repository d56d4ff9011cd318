package app.duet.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Users mode against a real coturn (lt-cred-mech) reading turnusers_lt in Duet's PostgreSQL: each
 * api/ice-servers answer mints a short-lived user that coturn honours at once, and that is
 * removed, and refused, once it expires.
 */
class UsersModeIT {

    static final int TTL_SECONDS = 8;
    static TurnFixture turn;

    @BeforeAll
    static void start() {
        turn = new TurnFixture("turn-users", 55435, List.of("-Dduet.turn.mode=users",
                "-Dduet.turn.ttl.seconds=" + TTL_SECONDS), "lt-cred-mech", "realm=duet");
    }

    @AfterAll
    static void stop() {
        turn.close();
    }

    private static String kind(String name) throws Exception {
        try (Connection c = turn.postgres.connect();
             PreparedStatement q = c.prepareStatement("SELECT kind FROM turnusers_lt WHERE realm = 'duet' AND name = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void aUserAddedThroughTheAdminApiWorksAtOnceItsNewPasswordTooAndNotOnceDeleted() throws Exception {
        var created = turn.admin.post("api/admin/turn-users", "{\"name\":\"carol\",\"password\":\"carols-password\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(0, turn.coturn.allocate("carol", "carols-password"), "coturn honours the new user at once");
        assertNotEquals(0, turn.coturn.allocate("carol", "wrong"));

        assertEquals(204, turn.admin.put("api/admin/turn-users/carol/password", "{\"password\":\"changed\"}").statusCode());
        assertEquals(0, turn.coturn.allocate("carol", "changed"), "the new password works");
        assertNotEquals(0, turn.coturn.allocate("carol", "carols-password"), "the old one no longer does");

        assertEquals(204, turn.admin.delete("api/admin/turn-users/carol").statusCode());
        assertNotEquals(0, turn.coturn.allocate("carol", "changed"), "a deleted user is refused");
        assertTrue(turn.coturn.log().contains("Cannot find credentials of user <carol>"), "refused as unknown");
    }

    @Test
    void eachPageGetsAUserOfItsOwnThatCoturnHonoursUntilItExpires() throws Exception {
        JsonObject first = turn.turnServer();
        JsonObject second = turn.turnServer();
        assertNotEquals(first.getString("username"), second.getString("username"));
        assertFalse(first.getString("username").contains(":"));
        assertEquals("ephemeral", kind(first.getString("username")));
        assertEquals(0, turn.allocate(first), "coturn honours the new user at once");
        assertEquals(0, turn.allocate(second));
        assertNotEquals(0, turn.coturn.allocate(first.getString("username"), "wrong"));

        long deadline = System.currentTimeMillis() + (TTL_SECONDS + 25) * 1000L;
        while (kind(first.getString("username")) != null) {
            assertTrue(System.currentTimeMillis() < deadline, "the expired user is removed");
            Thread.sleep(500);
        }
        assertNotEquals(0, turn.allocate(first), "an expired user is refused");
    }
}
