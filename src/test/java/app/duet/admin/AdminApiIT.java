package app.duet.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Await;
import app.duet.testing.Deployments;
import app.duet.testing.Http;
import app.duet.testing.JsonText;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The admin REST API on the deployed WAR: authentication, the login throttle, TURN users and
 * secrets here; the call history and live rooms in {@link CallHistoryApiChecks}. Portable: it talks
 * HTTP and WebSocket only, so it runs on every server profile. The container's JVM sets
 * {@code duet.admin.password} (arquillian.xml); {@link ViewerAccounts} adds accounts of the tests'
 * own. No test depends on another having run before or after it.
 */
class AdminApiIT extends CallQualityApiChecks {

    static final String VIEWER_PASSWORD = ViewerAccounts.PASSWORD;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.duet().addClass(ViewerAccounts.class);
    }

    @Test
    void everyEndpointRefusesAnonymousCallersWrongPasswordsAndNonAdmins() {
        List<String[]> endpoints = List.of(new String[] {"GET", "api/admin/turn-users"},
                new String[] {"POST", "api/admin/turn-users"}, new String[] {"GET", "api/admin/turn-users/x"},
                new String[] {"DELETE", "api/admin/turn-users/x"}, new String[] {"PUT", "api/admin/turn-users/x/password"},
                new String[] {"GET", "api/admin/calls"}, new String[] {"GET", "api/admin/calls/x"},
                new String[] {"GET", "api/admin/calls/export"}, new String[] {"GET", "api/admin/calls/summary"},
                new String[] {"GET", "api/admin/rooms"},
                new String[] {"DELETE", "api/admin/rooms/x"}, new String[] {"GET", "api/admin/turn-secrets"},
                new String[] {"POST", "api/admin/turn-secrets"}, new String[] {"DELETE", "api/admin/turn-secrets/x"},
                new String[] {"GET", "api/admin/openapi.json"});
        Http anonymous = Http.anonymous(base());
        // an admin account of this test's own: the wrong passwords below lock its name, not admin's
        assertEquals(200, as(ViewerAccounts.GUESSED_ADMIN, ViewerAccounts.GUESSED_ADMIN_PASSWORD).get("api/admin/rooms")
                .statusCode(), "an admin with its password gets in");
        Http wrong = as(ViewerAccounts.GUESSED_ADMIN, "not-the-password");
        Http viewer = as("viewer", VIEWER_PASSWORD);
        for (String[] e : endpoints) {
            String body = e[0].equals("GET") || e[0].equals("DELETE") ? null : "{}";
            HttpResponse<String> none = anonymous.send(e[0], e[1], body);
            assertEquals(401, none.statusCode(), e[0] + " " + e[1]);
            assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), e[1]);
            assertEquals(401, wrong.send(e[0], e[1], body).statusCode(), e[0] + " " + e[1]);
            HttpResponse<String> forbidden = viewer.send(e[0], e[1], body);
            assertEquals(403, forbidden.statusCode(), e[0] + " " + e[1]);
            for (HttpResponse<String> r : List.of(none, forbidden)) {
                assertFalse(r.body().contains("Exception") || r.body().contains("at app.duet"), r.body());
            }
        }
    }

    /**
     * README: after 5 failed logins in a row a name is locked for 1 s, doubling with every further
     * failure. Failures are let past their lock (attempts during a lock do not count) until the
     * lock is 4 s, so that "right after the failure, even the right password is refused" has 4 s
     * of margin; the unlock is awaited, and it came no sooner than 4 s after that failure was sent.
     */
    @Test
    void failedLoginsLockTheNameForAWhileDoublingWithEachFurtherFailure() {
        Http guesser = as("guesser", "wrong");
        Http right = as("guesser", VIEWER_PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertEquals(401, guesser.get("api/admin/rooms").statusCode());
        }
        Await.pause(1100); // the 1 s lock runs out
        assertEquals(401, guesser.get("api/admin/rooms").statusCode(), "6th failure: locked for 2 s");
        Await.pause(2100); // the 2 s lock runs out
        long sent = System.currentTimeMillis();
        assertEquals(401, guesser.get("api/admin/rooms").statusCode(), "7th failure: locked for 4 s");
        assertEquals(401, right.get("api/admin/rooms").statusCode(), "locked: even the right password is refused");
        long unlocked = Await.value("the name to be unlocked", Duration.ofSeconds(30), () ->
                right.get("api/admin/rooms").statusCode() == 403 ? Optional.of(System.currentTimeMillis()) : Optional.empty());
        assertTrue(unlocked - sent >= 4000, "the lock after the 7th failure held 4 s; it held " + (unlocked - sent) + " ms");
    }

    private Set<String> turnUserNames(String kind) {
        return Set.copyOf(admin().turnUserNames(kind));
    }

    @Test
    void turnUsersCrudWithClearErrors() {
        Http admin = admin();
        String alice = unique("alice");
        String bob = unique("bob");
        HttpResponse<String> created = admin.post("api/admin/turn-users", "{\"name\":\"" + alice
                + "\",\"password\":\"pw-alice\",\"expiresAt\":\"2031-01-02T03:04:05Z\",\"note\":\"laptop\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/api/admin/turn-users/" + alice));
        JsonObject got = getObject("api/admin/turn-users/" + alice);
        assertEquals("2031-01-02T03:04:05Z", got.getString("expiresAt"));
        assertEquals("laptop", got.getString("note"));
        assertEquals("registered", got.getString("kind"));
        assertFalse(got.containsKey("password") || got.containsKey("hmackey"));
        assertTrue(turnUserNames(null).contains(alice), "listed by default (registered)");
        assertTrue(turnUserNames("registered").contains(alice));
        assertTrue(turnUserNames("all").contains(alice));
        assertFalse(turnUserNames("ephemeral").contains(alice), "not among the ephemeral users");

        assertProblem(admin.post("api/admin/turn-users", "{\"name\":\"" + alice + "\",\"password\":\"x\"}"), 409, "name");
        assertProblem(admin.post("api/admin/turn-users", "{\"name\":\"bad:name\",\"password\":\"x\"}"), 400, "name");
        assertProblem(admin.post("api/admin/turn-users", "{\"name\":\"" + bob + "\"}"), 400, "password");
        assertProblem(admin.post("api/admin/turn-users", "{\"name\":\"" + bob + "\",\"password\":7}"), 400, "password");
        assertProblem(admin.post("api/admin/turn-users", "{\"name\":\"" + bob + "\",\"password\":\"x\",\"expiresAt\":\"soon\"}"),
                400, "expiresAt");
        assertProblem(admin.post("api/admin/turn-users",
                "{\"name\":\"" + bob + "\",\"password\":\"x\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}"), 400, "expiresAt");
        assertProblem(admin.post("api/admin/turn-users", "{not json"), 400, "body");
        assertProblem(admin.get("api/admin/turn-users?kind=odd"), 400, "kind");
        assertEquals(404, admin.get("api/admin/turn-users/" + bob).statusCode(), "nothing half-made");

        assertEquals(204, admin.put("api/admin/turn-users/" + alice + "/password", "{\"password\":\"new-pw\"}").statusCode());
        assertProblem(admin.put("api/admin/turn-users/" + alice + "/password", "{}"), 400, "password");
        assertProblem(admin.put("api/admin/turn-users/" + unique("nobody") + "/password", "{\"password\":\"x\"}"), 404, null);
        assertEquals(204, admin.delete("api/admin/turn-users/" + alice).statusCode());
        assertProblem(admin.get("api/admin/turn-users/" + alice), 404, null);
        assertProblem(admin.delete("api/admin/turn-users/" + alice), 404, null);
    }

    /**
     * README: turn-users answers pages like calls (3,000 users made a 471 KB answer before). Read
     * in small pages, one after the other, they give the same users in the same order as all in
     * one (by name); each page says the total, and this test's users (a, b, c) are in name order.
     */
    @Test
    void turnUsersComeInPagesByNameWithTheirTotal() {
        Http admin = admin();
        String prefix = unique("paged");
        List<String> ours = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
        for (String name : List.of(ours.get(1), ours.get(2), ours.get(0))) {
            assertEquals(201, admin.post("api/admin/turn-users", "{\"name\":\"" + name + "\",\"password\":\"pw\"}").statusCode());
        }
        List<String> all = admin.turnUserNames(null);
        assertTrue(all.indexOf(ours.get(0)) >= 0 && all.indexOf(ours.get(0)) < all.indexOf(ours.get(1))
                && all.indexOf(ours.get(1)) < all.indexOf(ours.get(2)), "by name: " + all);

        JsonObject first = getObject("api/admin/turn-users");
        assertEquals(List.of(0, 50, all.size()), List.of(first.getInt("page"), first.getInt("size"), first.getInt("total")),
                "page 0 of 50 by default: " + first);
        assertEquals(Math.min(50, all.size()), first.getJsonArray("items").size());
        int size = Math.max(2, all.size() / 10);
        List<String> paged = new ArrayList<>();
        for (int page = 0; page * size < all.size(); page++) {
            JsonObject one = getObject("api/admin/turn-users?size=" + size + "&page=" + page);
            assertEquals(List.of(page, size, all.size()), List.of(one.getInt("page"), one.getInt("size"), one.getInt("total")));
            assertEquals(Math.min(size, all.size() - page * size), one.getJsonArray("items").size(), "page " + page);
            one.getJsonArray("items").forEach(u -> paged.add(u.asJsonObject().getString("name")));
        }
        assertEquals(all, paged, "pages of " + size + " one after the other");
        JsonObject past = getObject("api/admin/turn-users?size=" + size + "&page=" + (all.size() / size + 1));
        assertTrue(past.getJsonArray("items").isEmpty(), "a page past the end is empty: " + past);
        assertEquals(all.size(), past.getInt("total"));
        assertEquals(500, getObject("api/admin/turn-users?size=500").getInt("size"));

        for (String bad : List.of("0", "501", "ten", "-1")) {
            assertProblem(admin.get("api/admin/turn-users?size=" + bad), 400, "size");
        }
        assertProblem(admin.get("api/admin/turn-users?page=-1"), 400, "page");
        assertProblem(admin.get("api/admin/turn-users?page=x&kind=all"), 400, "page");
        ours.forEach(name -> assertEquals(204, admin.delete("api/admin/turn-users/" + name).statusCode()));
    }

    @Test
    void turnSecretsAreShownOnceListedMaskedAndRetired() {
        Http admin = admin();
        HttpResponse<String> added = admin.post("api/admin/turn-secrets", "{}");
        assertEquals(201, added.statusCode(), added.body());
        JsonObject secret = JsonText.object(added);
        String value = secret.getString("value");
        assertTrue(value.length() >= 32);
        JsonObject listed = JsonText.array(admin.get("api/admin/turn-secrets")).stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("id").equals(secret.getString("id"))).findFirst().orElseThrow();
        assertFalse(listed.toString().contains(value), "never the whole secret again");
        assertProblem(admin.post("api/admin/turn-secrets", "{\"value\":\"short\"}"), 400, "value");
        String chosen = "a-chosen-secret-" + UUID.randomUUID();
        assertEquals(201, admin.post("api/admin/turn-secrets", "{\"value\":\"" + chosen + "\"}").statusCode());
        assertProblem(admin.post("api/admin/turn-secrets", "{\"value\":\"" + chosen + "\"}"), 409, "value");
        assertEquals(204, admin.delete("api/admin/turn-secrets/" + secret.getString("id")).statusCode());
        assertProblem(admin.delete("api/admin/turn-secrets/" + secret.getString("id")), 404, null);
        // leave no secret behind for the next test class in this container
        JsonText.array(admin.get("api/admin/turn-secrets")).forEach(s ->
                assertEquals(204, admin.delete("api/admin/turn-secrets/" + s.asJsonObject().getString("id")).statusCode()));
    }
}
