package app.duet.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Secret mode against a real coturn (use-auth-secret) reading its secrets from turn_secret in
 * Duet's PostgreSQL: credentials from api/ice-servers pass, secrets rotate without failures,
 * a retired secret's credentials and expired credentials fail.
 */
class SecretModeIT {

    static final int TTL_SECONDS = 12;
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

    private static void secret(String sql, String value, LocalDateTime createdAt) throws Exception {
        try (Connection c = turn.postgres.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            if (createdAt != null) {
                s.setObject(2, createdAt);
            }
            s.executeUpdate();
        }
    }

    @Test
    void credentialsPassSecretsRotateWithoutFailuresAndRetiredOrExpiredOnesFail() throws Exception {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        secret("INSERT INTO turn_secret (realm, \"value\", created_at) VALUES ('duet', ?, ?)", "first-secret", now.minusDays(1));
        JsonObject first = turn.turnServer();
        assertTrue(first.getString("username").matches("\\d+:[A-Za-z0-9_-]+"), first.toString());
        long expiry = Long.parseLong(first.getString("username").split(":")[0]);
        assertTrue(Math.abs(expiry - (System.currentTimeMillis() / 1000 + TTL_SECONDS)) <= 2, "expiry is now + ttl");
        assertEquals(0, turn.allocate(first), "credentials from api/ice-servers pass");
        assertNotEquals(0, turn.coturn.allocate(first.getString("username"), "wrong"), "a wrong password fails");

        secret("INSERT INTO turn_secret (realm, \"value\", created_at) VALUES ('duet', ?, ?)", "second-secret", now);
        JsonObject second = turn.turnServer();
        assertEquals(0, turn.allocate(second), "signed with the newest secret");
        assertEquals(0, turn.allocate(first), "the older secret still holds until retired");

        secret("DELETE FROM turn_secret WHERE \"value\" = ?", "first-secret", null);
        assertNotEquals(0, turn.allocate(first), "retired: its credentials fail");
        assertEquals(0, turn.allocate(second));

        Thread.sleep(Math.max(0, (expiry + 2) * 1000 - System.currentTimeMillis()));
        assertNotEquals(0, turn.allocate(first), "expired credentials fail");
        assertNotEquals(0, turn.allocate(second), "expired credentials fail");
        assertEquals(0, turn.allocate(turn.turnServer()), "fresh ones pass");
    }
}
