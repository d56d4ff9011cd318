package app.duet.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Await;
import app.duet.testing.JsonText;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Users mode against a real coturn (lt-cred-mech) reading turnusers_lt in Duet's PostgreSQL: each
 * api/ice-servers answer mints a short-lived user that coturn honours at once, and that is
 * removed, and refused (401), once it expires.
 */
class UsersModeIT {

    static final int TTL_SECONDS = 8;
    @RegisterExtension
    static final TurnFixture turn = new TurnFixture("turn-users",
            List.of("-Dduet.turn.mode=users", "-Dduet.turn.ttl.seconds=" + TTL_SECONDS), "lt-cred-mech", "realm=duet");

    private static String kind(String name) throws Exception {
        try (Connection c = turn.postgres.connect();
             PreparedStatement q = c.prepareStatement("SELECT kind FROM turnusers_lt WHERE realm = 'duet' AND name = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The names GET api/admin/turn-users lists for this kind (null: the default), every page. */
    private static Set<String> listed(String kind) {
        return Set.copyOf(turn.admin.turnUserNames(kind));
    }

    @Test
    void aUserAddedThroughTheAdminApiWorksAtOnceItsNewPasswordTooAndNotOnceDeleted() {
        String carol = "carol-" + System.nanoTime();
        var created = turn.admin.post("api/admin/turn-users", "{\"name\":\"" + carol + "\",\"password\":\"carols-password\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(turn.coturn.allocates(carol, "carols-password"), "coturn honours the new user at once");
        assertEquals(401, turn.coturn.allocateError(carol, "wrong"), "a wrong password is refused");

        assertEquals(204, turn.admin.put("api/admin/turn-users/" + carol + "/password", "{\"password\":\"changed\"}").statusCode());
        assertTrue(turn.coturn.allocates(carol, "changed"), "the new password works");
        assertEquals(401, turn.coturn.allocateError(carol, "carols-password"), "the old one no longer does");

        assertEquals(204, turn.admin.delete("api/admin/turn-users/" + carol).statusCode());
        assertEquals(401, turn.coturn.allocateError(carol, "changed"), "a deleted user is refused");
        Await.until("coturn to log the deleted user as unknown",
                () -> turn.coturn.log().contains("Cannot find credentials of user <" + carol + ">"));
    }

    @Test
    void eachPageGetsAUserOfItsOwnThatCoturnHonoursUntilItExpires() throws Exception {
        JsonObject first = turn.turnServer();
        JsonObject second = turn.turnServer();
        assertNotEquals(first.getString("username"), second.getString("username"));
        assertFalse(first.getString("username").contains(":"));
        assertEquals("ephemeral", kind(first.getString("username")));
        assertTrue(turn.allocates(first), "coturn honours the new user at once");
        assertTrue(turn.allocates(second));
        assertEquals(401, turn.coturn.allocateError(first.getString("username"), "wrong"));

        Await.until("the expired user to be removed", Duration.ofSeconds(TTL_SECONDS + 25),
                () -> kind(first.getString("username")) == null);
        assertEquals(401, turn.allocateError(first), "an expired user is refused");
    }

    @Test
    void theAdminListShowsRegisteredUsersByDefaultAndEachKindOnRequest() {
        String registered = "listed-" + System.nanoTime();
        assertEquals(201, turn.admin.post("api/admin/turn-users",
                "{\"name\":\"" + registered + "\",\"password\":\"listed-password\"}").statusCode());
        String ephemeral = turn.turnServer().getString("username"); // lives TTL_SECONDS: list it first

        Set<String> ephemerals = listed("ephemeral");
        Set<String> all = listed("all");
        Set<String> byDefault = listed(null);
        assertTrue(ephemerals.contains(ephemeral) && !ephemerals.contains(registered), "ephemeral only: " + ephemerals);
        assertTrue(all.contains(ephemeral) && all.contains(registered), "all: " + all);
        assertTrue(byDefault.contains(registered) && !byDefault.contains(ephemeral), "by default, registered only: " + byDefault);
        assertEquals(byDefault, listed("registered"));
        HttpResponse<String> odd = turn.admin.get("api/admin/turn-users?kind=odd");
        assertEquals(400, odd.statusCode(), odd.body());
        assertEquals("kind", JsonText.object(odd).getString("field"));
    }
}
