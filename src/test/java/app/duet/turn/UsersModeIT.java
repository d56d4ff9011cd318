package app.duet.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.monitoring.Scrape;
import app.duet.testing.Await;
import app.duet.testing.Http;
import app.duet.testing.JsonText;
import app.duet.testing.SignalClient;
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
    /** duet.turn.users.max: small, so that the cap is met; every test here mints fewer at once. */
    static final int CAP = 4;
    @RegisterExtension
    static final TurnFixture turn = new TurnFixture("turn-users", List.of("-Dduet.turn.mode=users",
            "-Dduet.turn.ttl.seconds=" + TTL_SECONDS, "-Dduet.turn.users.max=" + CAP), "lt-cred-mech", "realm=duet");

    private static Scrape metrics() {
        return Scrape.of(Http.anonymous(turn.server.base()));
    }

    /**
     * Issue 14: peers get their TURN credentials in {@code joined}, and fresh ones when they ask
     * with {@code ice-servers}: a user of their own each time, which coturn honours at once.
     */
    @Test
    void joinedCarriesAUserCoturnHonoursAndIceServersGivesAnotherOne() {
        try (SignalClient ann = SignalClient.connect(turn.server.signal("users-" + System.nanoTime()))) {
            ann.send("{\"type\":\"join\",\"name\":\"Ann\"}");
            JsonObject joined = ann.next("joined");
            JsonObject first = TurnFixture.turnEntry(joined);
            assertTrue(joined.getJsonNumber("iceExpiresAt").longValue() > System.currentTimeMillis(), joined.toString());
            assertTrue(turn.allocates(first), "coturn honours the credentials of joined: " + joined);
            ann.send("{\"type\":\"ice-servers\"}");
            JsonObject refreshed = TurnFixture.turnEntry(ann.next("ice-servers"));
            assertNotEquals(first.getString("username"), refreshed.getString("username"));
            assertEquals("ephemeral", kind(refreshed.getString("username")));
            assertTrue(turn.allocates(refreshed), "and those of ice-servers");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Issue 14: a flood of api/ice-servers cannot fill turnusers_lt: past duet.turn.users.max live
     * users, 503 (counted), and a peer joining meanwhile gets no TURN for the moment, not an error.
     */
    @Test
    void noMoreEphemeralUsersLiveAtOnceThanTheCap() {
        Scrape before = metrics();
        HttpResponse<String> refused = null;
        for (int i = 0; i <= CAP && refused == null; i++) {
            HttpResponse<String> response = Http.anonymous(turn.server.base()).get("api/ice-servers");
            if (response.statusCode() != 200) {
                refused = response;
            }
        }
        assertTrue(refused != null, "more than " + CAP + " users minted at once");
        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals("turn-users-exhausted", JsonText.object(refused).getString("error"));
        Scrape capped = metrics();
        assertEquals(CAP, capped.get("duet_turn_users_live"));
        try (SignalClient bob = SignalClient.connect(turn.server.signal("capped-" + System.nanoTime()))) {
            bob.send("{\"type\":\"join\"}");
            JsonObject joined = bob.next("joined");
            assertTrue(joined.getJsonArray("iceServers").stream().noneMatch(s -> s.asJsonObject().containsKey("credential")),
                    "no TURN while capped: " + joined);
        }
        assertEquals(2, metrics().since(before, "duet_turn_users_capped_total"), "the 503 and the join");
        Await.until("the capped users to expire", Duration.ofSeconds(TTL_SECONDS + 10),
                () -> metrics().get("duet_turn_users_live") == 0);
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
