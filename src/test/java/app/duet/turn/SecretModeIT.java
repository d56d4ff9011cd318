package app.duet.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Await;
import app.duet.testing.JsonText;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Secret mode against a real coturn (use-auth-secret) reading its secrets from turn_secret in
 * Duet's PostgreSQL, managed through the admin API: credentials from api/ice-servers pass, secrets
 * rotate without failures, a retired secret's credentials and expired credentials are refused
 * (coturn answers 401; a coturn that does not answer fails the test instead).
 */
class SecretModeIT {

    static final int TTL_SECONDS = 30;
    /** Signs while turn_secret has no row (README: duet.turn.secret). */
    static final String FALLBACK_SECRET = "fallback-secret-" + UUID.randomUUID();
    @RegisterExtension
    static final TurnFixture turn = new TurnFixture("turn-secret", List.of("-Dduet.turn.mode=secret",
            "-Dduet.turn.ttl.seconds=" + TTL_SECONDS, "-Dduet.turn.secret=" + FALLBACK_SECRET), "use-auth-secret", "realm=duet");

    /** Adds a secret through the admin API; returns the answer (id, value, createdAt). */
    private static JsonObject addSecret(String value) {
        var response = turn.admin.post("api/admin/turn-secrets", "{\"value\":\"" + value + "\"}");
        assertEquals(201, response.statusCode(), response.body());
        return JsonText.object(response);
    }

    /** The TURN REST API password, computed here: base64(HMAC-SHA1(secret, username)). */
    private static String signed(String secret, String username) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    }

    private static long expiry(JsonObject turnEntry) {
        return Long.parseLong(turnEntry.getString("username").split(":")[0]);
    }

    @Test
    void theAnswersExpiresAtIsTheExpiryInTheUsernameNowPlusTheTtl() {
        long before = System.currentTimeMillis();
        JsonObject answer = turn.iceServers();
        long after = System.currentTimeMillis();
        long expiry = expiry(TurnFixture.turnEntry(answer));
        long expiresAt = answer.getJsonNumber("expiresAt").longValue();
        assertEquals(expiry, expiresAt / 1000, "expiresAt (epoch ms) and the username's expiry (unix s) agree: " + answer);
        assertTrue(expiresAt >= before + TTL_SECONDS * 1000L && expiresAt <= after + TTL_SECONDS * 1000L,
                "expiresAt is now + ttl: " + answer);
    }

    @Test
    void credentialsPassSecretsRotateWithoutFailuresAndRetiredOrExpiredOnesFail() throws Exception {
        String firstSecret = "first-shared-secret-" + UUID.randomUUID();
        JsonObject added = addSecret(firstSecret);
        JsonObject first = turn.turnServer();
        assertTrue(first.getString("username").matches("\\d+:[A-Za-z0-9_-]+"), first.toString());
        long expiry = expiry(first);
        assertEquals(signed(firstSecret, first.getString("username")), first.getString("credential"), "signed with the secret");
        assertTrue(turn.allocates(first), "credentials from api/ice-servers pass");
        assertEquals(401, turn.coturn.allocateError(first.getString("username"), "wrong"), "a wrong password is refused");

        // the newest secret signs: let the clock pass the first one's creation time
        Instant firstCreated = Instant.parse(added.getString("createdAt"));
        Await.until("the clock to pass " + firstCreated, () -> Instant.now().isAfter(firstCreated.plusMillis(5)));
        String secondSecret = "second-shared-secret-" + UUID.randomUUID();
        addSecret(secondSecret);
        JsonObject second = turn.turnServer();
        assertEquals(signed(secondSecret, second.getString("username")), second.getString("credential"),
                "signed with the newest secret");
        assertTrue(turn.allocates(second), "credentials signed with the newest secret pass");
        assertTrue(turn.allocates(first), "the older secret still holds until retired");

        assertEquals(204, turn.admin.delete("api/admin/turn-secrets/" + added.getString("id")).statusCode());
        assertEquals(401, turn.allocateError(first), "retired: its credentials are refused");
        assertTrue(System.currentTimeMillis() / 1000 < expiry, "refused for the retirement, before they expired");
        assertTrue(turn.allocates(second), "the other secret's credentials still pass");

        long lastExpiry = expiry(second);
        Await.until("the last credentials to expire", Duration.ofSeconds(TTL_SECONDS + 20),
                () -> System.currentTimeMillis() / 1000 > lastExpiry + 1);
        assertEquals(401, turn.allocateError(second), "expired credentials of a secret still in use are refused");
        assertTrue(turn.allocates(turn.turnServer()), "fresh ones pass");
    }
}
