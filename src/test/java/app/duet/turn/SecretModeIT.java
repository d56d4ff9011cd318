package app.duet.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.Json;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Secret mode against a real coturn (use-auth-secret) reading its secrets from turn_secret in
 * Duet's PostgreSQL, managed through the admin API: credentials from api/ice-servers pass, secrets
 * rotate without failures, a retired secret's credentials and expired credentials fail.
 */
class SecretModeIT {

    static final int TTL_SECONDS = 30;
    static TurnFixture turn;

    @BeforeAll
    static void start() {
        turn = new TurnFixture("turn-secret", 55434, List.of("-Dduet.turn.mode=secret",
                "-Dduet.turn.ttl.seconds=" + TTL_SECONDS), "use-auth-secret", "realm=duet");
    }

    @AfterAll
    static void stop() {
        turn.close();
    }

    /** Adds a secret through the admin API; returns its id. */
    private static String addSecret(String value) {
        var response = turn.admin.post("api/admin/turn-secrets", "{\"value\":\"" + value + "\"}");
        assertEquals(201, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject().getString("id");
    }

    @Test
    void credentialsPassSecretsRotateWithoutFailuresAndRetiredOrExpiredOnesFail() throws Exception {
        String firstId = addSecret("the-first-shared-secret");
        JsonObject first = turn.turnServer();
        assertTrue(first.getString("username").matches("\\d+:[A-Za-z0-9_-]+"), first.toString());
        long expiry = Long.parseLong(first.getString("username").split(":")[0]);
        assertTrue(Math.abs(expiry - (System.currentTimeMillis() / 1000 + TTL_SECONDS)) <= 2, "expiry is now + ttl");
        assertEquals(0, turn.allocate(first), "credentials from api/ice-servers pass");
        assertNotEquals(0, turn.coturn.allocate(first.getString("username"), "wrong"), "a wrong password fails");

        Thread.sleep(10);
        addSecret("the-second-shared-secret");
        JsonObject second = turn.turnServer();
        assertEquals(0, turn.allocate(second), "signed with the newest secret");
        assertEquals(0, turn.allocate(first), "the older secret still holds until retired");

        assertEquals(204, turn.admin.delete("api/admin/turn-secrets/" + firstId).statusCode());
        assertNotEquals(0, turn.allocate(first), "retired: its credentials fail");
        assertEquals(0, turn.allocate(second));

        long lastExpiry = Long.parseLong(second.getString("username").split(":")[0]);
        Thread.sleep(Math.max(0, (lastExpiry + 2) * 1000 - System.currentTimeMillis()));
        assertNotEquals(0, turn.allocate(first), "expired credentials fail");
        assertNotEquals(0, turn.allocate(second), "expired credentials fail");
        assertEquals(0, turn.allocate(turn.turnServer()), "fresh ones pass");
    }
}
