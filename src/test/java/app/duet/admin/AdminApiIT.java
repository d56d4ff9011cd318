package app.duet.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Deployments;
import app.duet.testing.Http;
import app.duet.testing.SignalClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin REST API on the deployed WAR: authentication, then each resource. Portable: it talks
 * HTTP and WebSocket only, so it runs on every server profile. The container's JVM sets
 * {@code duet.admin.password} (arquillian.xml); {@link ViewerAccounts} adds two non-admins.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminApiIT {

    static final String ADMIN_PASSWORD = "correct-horse-battery";
    static final String VIEWER_PASSWORD = ViewerAccounts.PASSWORD;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.duet().addClass(ViewerAccounts.class);
    }

    @ArquillianResource
    URL deployed;

    URI base;
    Http admin;

    @BeforeEach
    void connect() {
        base = Deployments.base(deployed);
        admin = Http.as(base, "admin", ADMIN_PASSWORD);
    }

    private URI signal(String room) {
        return Deployments.signal(deployed, room);
    }

    static JsonStructure json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).read();
    }

    static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject problem = json(response).asJsonObject();
        if (field != null) {
            assertEquals(field, problem.getString("field"), response.body());
        }
        assertFalse(problem.getString("message").isBlank());
    }

    @Test
    void everyEndpointRefusesAnonymousCallersWrongPasswordsAndNonAdmins() {
        List<String[]> endpoints = List.of(new String[] {"GET", "api/admin/turn-users"},
                new String[] {"POST", "api/admin/turn-users"}, new String[] {"GET", "api/admin/turn-users/x"},
                new String[] {"DELETE", "api/admin/turn-users/x"}, new String[] {"PUT", "api/admin/turn-users/x/password"},
                new String[] {"GET", "api/admin/calls"}, new String[] {"GET", "api/admin/calls/x"},
                new String[] {"GET", "api/admin/calls/export"}, new String[] {"GET", "api/admin/rooms"},
                new String[] {"DELETE", "api/admin/rooms/x"}, new String[] {"GET", "api/admin/turn-secrets"},
                new String[] {"POST", "api/admin/turn-secrets"}, new String[] {"DELETE", "api/admin/turn-secrets/x"});
        Http anonymous = Http.anonymous(base);
        Http wrong = Http.as(base, "admin", "not-the-password");
        Http viewer = Http.as(base, "viewer", VIEWER_PASSWORD);
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

    @Test
    void failedLoginsLockTheNameForAWhile() throws InterruptedException {
        Http guesser = Http.as(base, "guesser", "wrong");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, guesser.get("api/admin/rooms").statusCode());
        }
        Http right = Http.as(base, "guesser", VIEWER_PASSWORD);
        assertEquals(401, right.get("api/admin/rooms").statusCode(), "locked: even the right password is refused");
        Thread.sleep(1500);
        assertEquals(403, right.get("api/admin/rooms").statusCode(), "unlocked after a second (and a viewer)");
    }

    @Test
    void turnUsersCrudWithClearErrors() {
        HttpResponse<String> created = admin.post("api/admin/turn-users",
                "{\"name\":\"alice\",\"password\":\"pw-alice\",\"expiresAt\":\"2031-01-02T03:04:05Z\",\"note\":\"laptop\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/api/admin/turn-users/alice"));
        JsonObject alice = json(admin.get("api/admin/turn-users/alice")).asJsonObject();
        assertEquals("2031-01-02T03:04:05Z", alice.getString("expiresAt"));
        assertEquals("laptop", alice.getString("note"));
        assertEquals("registered", alice.getString("kind"));
        assertFalse(alice.containsKey("password") || alice.containsKey("hmackey"));
        JsonArray list = json(admin.get("api/admin/turn-users")).asJsonArray();
        assertTrue(list.stream().anyMatch(u -> u.asJsonObject().getString("name").equals("alice")));

        assertProblem(admin.post("api/admin/turn-users", "{\"name\":\"alice\",\"password\":\"x\"}"), 409, "name");
        assertProblem(admin.post("api/admin/turn-users", "{\"name\":\"bad:name\",\"password\":\"x\"}"), 400, "name");
        assertProblem(admin.post("api/admin/turn-users", "{\"name\":\"bob\"}"), 400, "password");
        assertProblem(admin.post("api/admin/turn-users", "{\"name\":\"bob\",\"password\":7}"), 400, "password");
        assertProblem(admin.post("api/admin/turn-users", "{\"name\":\"bob\",\"password\":\"x\",\"expiresAt\":\"soon\"}"), 400, "expiresAt");
        assertProblem(admin.post("api/admin/turn-users", "{\"name\":\"bob\",\"password\":\"x\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}"), 400, "expiresAt");
        assertProblem(admin.post("api/admin/turn-users", "{not json"), 400, "body");
        assertProblem(admin.get("api/admin/turn-users?kind=odd"), 400, "kind");
        assertEquals(404, admin.get("api/admin/turn-users/bob").statusCode(), "nothing half-made");

        assertEquals(204, admin.put("api/admin/turn-users/alice/password", "{\"password\":\"new-pw\"}").statusCode());
        assertProblem(admin.put("api/admin/turn-users/alice/password", "{}"), 400, "password");
        assertProblem(admin.put("api/admin/turn-users/nobody/password", "{\"password\":\"x\"}"), 404, null);
        assertEquals(204, admin.delete("api/admin/turn-users/alice").statusCode());
        assertProblem(admin.get("api/admin/turn-users/alice"), 404, null);
        assertProblem(admin.delete("api/admin/turn-users/alice"), 404, null);
    }

    @Test
    void callHistoryFiltersSortsPagesAndExports() throws Exception {
        String room = "adm-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            try (SignalClient a = SignalClient.join(signal(room), "A" + i);
                 SignalClient b = SignalClient.join(signal(room), "B" + i)) {
                a.next("peer-joined");
                Thread.sleep(200 + 400L * i);
                b.send("{\"type\":\"leave\"}");
                a.next("peer-left");
                a.send("{\"type\":\"leave\"}");
            }
        }
        JsonObject page = awaitCalls("api/admin/calls?room=" + room, 2);
        JsonArray items = page.getJsonArray("items");
        assertEquals("A1", items.getJsonObject(0).getString("firstName"), "newest first by default");
        assertEquals("hang-up", items.getJsonObject(0).getString("endReason"));

        JsonObject byDuration = json(admin.get("api/admin/calls?room=" + room + "&sort=-durationMs&size=1")).asJsonObject();
        assertEquals(2, byDuration.getInt("total"));
        assertEquals(1, byDuration.getJsonArray("items").size());
        assertEquals("A1", byDuration.getJsonArray("items").getJsonObject(0).getString("firstName"), "the longer call");
        JsonObject second = json(admin.get("api/admin/calls?room=" + room + "&sort=-durationMs&size=1&page=1")).asJsonObject();
        assertEquals("A0", second.getJsonArray("items").getJsonObject(0).getString("firstName"));
        assertEquals(0, json(admin.get("api/admin/calls?room=" + room + "&reason=timeout")).asJsonObject().getInt("total"));
        assertEquals(0, json(admin.get("api/admin/calls?room=" + room + "&from=2099-01-01T00:00:00Z")).asJsonObject().getInt("total"));
        assertEquals(2, json(admin.get("api/admin/calls?room=" + room + "&from=2001-01-01T00:00:00Z&to=2099-01-01T00:00:00Z"))
                .asJsonObject().getInt("total"));

        String id = items.getJsonObject(0).getString("id");
        assertEquals(room, json(admin.get("api/admin/calls/" + id)).asJsonObject().getString("room"));
        assertProblem(admin.get("api/admin/calls/no-such-call"), 404, null);
        assertProblem(admin.get("api/admin/calls?reason=bored"), 400, "reason");
        assertProblem(admin.get("api/admin/calls?sort=name"), 400, "sort");
        assertProblem(admin.get("api/admin/calls?from=yesterday"), 400, "from");
        assertProblem(admin.get("api/admin/calls?size=0"), 400, "size");

        HttpResponse<String> csv = admin.get("api/admin/calls/export?room=" + room + "&sort=startedAt");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertEquals(3, lines.length, csv.body());
        assertTrue(lines[0].startsWith("id,room,started_at"));
        assertTrue(lines[1].contains(",A0,B0,") && lines[2].contains(",A1,B1,"), csv.body());
    }

    private JsonObject awaitCalls(String path, int count) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            JsonObject page = json(admin.get(path)).asJsonObject();
            if (page.getInt("total") == count && page.getJsonArray("items").stream()
                    .allMatch(c -> !c.asJsonObject().isNull("endedAt"))) {
                return page;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("calls never appeared: " + admin.get(path).body());
    }

    @Test
    void liveRoomsAreListedAndAClosedRoomTellsItsPeersAndEndsTheCall() throws Exception {
        String room = "live-" + UUID.randomUUID();
        try (SignalClient alice = SignalClient.join(signal(room), "Alice");
             SignalClient bob = SignalClient.join(signal(room), "Bob")) {
            alice.next("peer-joined");
            JsonObject live = json(admin.get("api/admin/rooms")).asJsonArray().stream().map(r -> r.asJsonObject())
                    .filter(r -> r.getString("id").equals(room)).findFirst().orElseThrow();
            assertEquals(2, live.getJsonArray("peers").size());
            assertEquals("Alice", live.getJsonArray("peers").getJsonObject(0).getString("name"));
            assertFalse(live.isNull("callId"));

            assertEquals(204, admin.delete("api/admin/rooms/" + room).statusCode());
            for (SignalClient peer : List.of(alice, bob)) {
                peer.error("room-closed");
                assertEquals(1008, peer.awaitClose());
            }
            assertProblem(admin.delete("api/admin/rooms/" + room), 404, null);
            JsonObject calls = awaitCalls("api/admin/calls?room=" + room, 1);
            assertEquals("closed-by-admin", calls.getJsonArray("items").getJsonObject(0).getString("endReason"));
        }
    }

    @Test
    void turnSecretsAreShownOnceListedMaskedAndRetired() {
        HttpResponse<String> added = admin.post("api/admin/turn-secrets", "{}");
        assertEquals(201, added.statusCode(), added.body());
        JsonObject secret = json(added).asJsonObject();
        String value = secret.getString("value");
        assertTrue(value.length() >= 32);
        JsonArray list = json(admin.get("api/admin/turn-secrets")).asJsonArray();
        JsonObject listed = list.stream().map(s -> s.asJsonObject()).filter(s -> s.getString("id").equals(secret.getString("id")))
                .findFirst().orElseThrow();
        assertFalse(listed.toString().contains(value), "never the whole secret again");
        assertProblem(admin.post("api/admin/turn-secrets", "{\"value\":\"short\"}"), 400, "value");
        assertEquals(201, admin.post("api/admin/turn-secrets", "{\"value\":\"a-chosen-secret-of-length\"}").statusCode());
        assertProblem(admin.post("api/admin/turn-secrets", "{\"value\":\"a-chosen-secret-of-length\"}"), 409, "value");
        assertEquals(204, admin.delete("api/admin/turn-secrets/" + secret.getString("id")).statusCode());
        assertProblem(admin.delete("api/admin/turn-secrets/" + secret.getString("id")), 404, null);
        // leave no secret behind for the next test class in this container
        json(admin.get("api/admin/turn-secrets")).asJsonArray().forEach(s ->
                assertEquals(204, admin.delete("api/admin/turn-secrets/" + s.asJsonObject().getString("id")).statusCode()));
    }
}
