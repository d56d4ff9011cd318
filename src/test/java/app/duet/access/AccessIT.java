package app.duet.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.DeployedDuet;
import app.duet.testing.Http;
import app.duet.testing.JsonText;
import app.duet.testing.JwksServer;
import app.duet.testing.SignalClient;
import app.duet.testing.Tokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 on a server in token mode (the failsafe execution {@code postgresql}: its servers run
 * with {@code duet.access=token}, the two test secrets, the test ES256 public key and the audience
 * {@value Tokens#AUDIENCE}): who is let into a room, and who gets ICE servers.
 */
class AccessIT extends DeployedDuet {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeEach
    void theServerIsInTokenMode() {
        HttpResponse<String> access = Http.anonymous(base()).get("api/access");
        assertEquals(200, access.statusCode());
        assertEquals("token", JsonText.object(access).getString("mode"), "this test needs a server in token mode");
    }

    /** Joins {@code room} with {@code token} (or none) and expects unauthorized with {@code sentence}, then 1008. */
    private void refused(String room, String token, String sentence) {
        try (SignalClient client = SignalClient.connect(signal(room))) {
            var join = Json.createObjectBuilder().add("type", "join").add("name", "Eve");
            if (token != null) {
                join.add("token", token);
            }
            client.send(join.build());
            assertEquals(sentence, client.error("unauthorized").getString("message"));
            assertEquals(1008, client.awaitClose());
        }
    }

    @Test
    void aJoinWithoutAValidTokenForTheRoomIsRefused() {
        String room = freshRoom();
        refused(room, null, "The join token is missing.");
        refused(room, Tokens.hs256(Tokens.SECRET, c -> c.claim("room", room).expirationTime(Date.from(Instant.now().minusSeconds(120)))),
                "The join token has expired.");
        refused(room, Tokens.forRoom(freshRoom()), "The join token is not for this room.");
        refused(room, Tokens.hs256("a-secret-this-server-never-heard-of-0123456789", c -> c.claim("room", room)),
                "The join token is not valid.");
        refused(room, Tokens.unsigned(room), "The join token is not valid.");
        refused(room, Tokens.hs256(Tokens.SECRET, c -> c.claim("room", room).audience("someone-else")), "The join token is not valid.");
        refused(room, "garbage", "The join token is not valid.");
        // nothing of the refused joins stayed: two valid peers still fit
        try (SignalClient a = SignalClient.join(signal(room), null, Tokens.forRoom(room));
             SignalClient b = SignalClient.join(signal(room), null, Tokens.forRoom(room))) {
            assertEquals(1, b.joined().getJsonArray("peers").size());
        }
    }

    /**
     * The token-mode servers also list a JWKS URL ({@link Tokens#JWKS_PORT}): every join with a
     * token is then checked on a thread of its own, the socket's later frames waiting their turn.
     */
    @Test
    void aTokenSignedWithAKeyOfTheJwksUrlIsAdmittedAndFramesSentRightAfterTheJoinWaitTheirTurn() throws Exception {
        String room = freshRoom();
        try (JwksServer server = JwksServer.start(Tokens.JWKS_PORT, Tokens.rsaKey(), () -> { });
             SignalClient ann = SignalClient.connect(signal(room));
             SignalClient bob = SignalClient.join(signal(room), "Bob", Tokens.es256(c -> c.claim("room", room).audience(Tokens.AUDIENCE)))) {
            ann.send(Json.createObjectBuilder().add("type", "join").add("name", "Ann")
                    .add("token", Tokens.rs256(c -> c.claim("room", room).audience(Tokens.AUDIENCE))).build());
            ann.send(Json.createObjectBuilder().add("type", "ping").build());
            ann.send(Json.createObjectBuilder().add("type", "message").add("data", "after the join").build());
            assertEquals("joined", ann.next().getString("type"), "the join is answered first");
            assertEquals("pong", ann.next().getString("type"), "then the ping sent right after it");
            assertEquals("Ann", bob.next("peer-joined").getJsonObject("peer").getString("name"));
            assertEquals("after the join", bob.next("message").getString("data"), "and the relay after that");
            assertTrue(server.fetches() >= 1, "the key came from the JWKS URL");
        }
    }

    @Test
    void validTokensOfEitherSecretOrTheEs256KeyAreAdmittedAndTheTokensNameWins() {
        String room = freshRoom();
        try (SignalClient ann = SignalClient.join(signal(room), "Mallory",
                Tokens.hs256(Tokens.ROTATED_SECRET, c -> c.claim("room", room).claim("name", "Ann")));
             SignalClient bob = SignalClient.join(signal(room), "Bob", Tokens.es256(c -> c.claim("room", room).audience(Tokens.AUDIENCE)))) {
            assertEquals("Ann", bob.joined().getJsonArray("peers").getJsonObject(0).getString("name"),
                    "the token's name, not the one sent");
            assertEquals("Bob", ann.next("peer-joined").getJsonObject("peer").getString("name"));
        }
    }

    @Test
    void aTokenForAnyRoomAdmitsAnyRoom() {
        String wildcard = Tokens.hs256(Tokens.SECRET, c -> c.claim("room", "*"));
        try (SignalClient one = SignalClient.join(signal(freshRoom()), null, wildcard);
             SignalClient two = SignalClient.join(signal(freshRoom()), null, wildcard)) {
            assertTrue(one.joined().containsKey("id") && two.joined().containsKey("id"));
        }
    }

    @Test
    void aResumeNeedsNoTokenAndBringsFreshIceServers() {
        String room = freshRoom();
        try (SignalClient ann = SignalClient.join(signal(room), "Ann", Tokens.forRoom(room))) {
            JsonObject joined = ann.joined();
            assertTrue(joined.containsKey("iceServers") && joined.containsKey("iceTransportPolicy"), joined.toString());
            long expires = joined.getJsonNumber("iceExpiresAt").longValue();
            assertTrue(expires > System.currentTimeMillis(), joined.toString());
            ann.drop();
            try (SignalClient back = SignalClient.connect(signal(room))) {
                back.send(ann.resumeJoin());
                JsonObject resumed = back.next("joined");
                assertEquals(joined.getString("id"), resumed.getString("id"));
                assertTrue(resumed.getJsonNumber("iceExpiresAt").longValue() >= expires, resumed.toString());
                back.send("{\"type\":\"ice-servers\"}");
                JsonObject fresh = back.next("ice-servers");
                assertTrue(fresh.containsKey("iceServers") && fresh.containsKey("iceTransportPolicy") && fresh.containsKey("iceExpiresAt"),
                        fresh.toString());
            }
        }
    }

    @Test
    void iceServersOutsideARoomNeedABearerToken() throws Exception {
        HttpResponse<String> anonymous = Http.anonymous(base()).get("api/ice-servers");
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals("unauthorized", JsonText.object(anonymous).getString("error"));
        assertEquals("The join token is missing.", JsonText.object(anonymous).getString("message"));
        HttpResponse<String> forged = bearer("not-a-token");
        assertEquals(401, forged.statusCode(), forged.body());
        assertEquals("The join token is not valid.", JsonText.object(forged).getString("message"));
        HttpResponse<String> granted = bearer(Tokens.forRoom(freshRoom()));
        assertEquals(200, granted.statusCode(), granted.body());
        assertTrue(JsonText.object(granted).containsKey("iceServers"));
        assertNotEquals(null, granted.headers().firstValue("Cache-Control").orElse(null));
    }

    private HttpResponse<String> bearer(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base().resolve("api/ice-servers")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("X-Forwarded-For", SignalClient.ownAddress()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aShortRoomLinkLeadsToTheCallPageWithItsToken() throws Exception {
        String token = Tokens.forRoom("short-link");
        HttpResponse<String> link = HTTP.send(HttpRequest.newBuilder(base().resolve("r/short-link?token=" + token))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, link.statusCode());
        assertEquals(base().getPath() + "?room=short-link&token=" + token, link.headers().firstValue("Location").orElse(null));
        HttpResponse<String> notARoom = HTTP.send(HttpRequest.newBuilder(base().resolve("r/not%20a%20room"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, notARoom.statusCode());
    }

    @Test
    void anInviteFromTheAdminApiAdmitsItsRoomAsOftenAsItSays() {
        Http admin = Http.as(base(), "admin", ADMIN_PASSWORD);
        HttpResponse<String> created = admin.post("api/admin/invites", "{\"name\":\"Guest\",\"uses\":1}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject invite = JsonText.object(created);
        String room = invite.getString("room");
        assertTrue(room.length() >= 20, "a fresh, unguessable room: " + room);
        assertTrue(invite.getString("url").contains("?room=" + room + "&token="), invite.toString());
        assertTrue(Instant.parse(invite.getString("expiresAt")).isAfter(Instant.now().plus(Duration.ofHours(23))));
        try (SignalClient guest = SignalClient.join(signal(room), "Not Guest", invite.getString("token"));
             SignalClient host = SignalClient.join(signal(room), "Host", Tokens.forRoom(room))) {
            assertEquals("Guest", host.joined().getJsonArray("peers").getJsonObject(0).getString("name"), "the invite's name");
            assertEquals("Host", guest.next("peer-joined").getJsonObject("peer").getString("name"));
            refused(room, invite.getString("token"), "The join token has been used as often as it may be.");
        }
        HttpResponse<String> bad = admin.post("api/admin/invites", "{\"room\":\"no spaces\"}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("room", JsonText.object(bad).getString("field"));
        assertEquals(401, Http.anonymous(base()).post("api/admin/invites", "{}").statusCode());
    }
}
