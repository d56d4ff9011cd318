package app.duet.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Deployments;
import app.duet.testing.PostgresExtension;
import app.duet.platform.entity.Refusal;
import app.duet.turn.control.TurnUsers;
import app.duet.turn.entity.TurnUser;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Registered TURN users in coturn's table, inside the server (in-container Arquillian test), read
 * back with plain SQL as coturn reads them. Runs on H2 and, in the 'postgresql' execution, on
 * PostgreSQL.
 */
@ExtendWith({PostgresExtension.class, ArquillianExtension.class})
class TurnUsersIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.duet().addClasses(TurnUsersIT.class, PostgresExtension.class, app.duet.testing.Postgres.class,
                app.duet.testing.Dirs.class);
    }

    @Inject
    TurnUsers users;

    @Resource
    DataSource dataSource;

    private String storedKey(String realm, String name) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT hmackey FROM turnusers_lt WHERE realm = ? AND name = ?")) {
            q.setString(1, realm);
            q.setString(2, name);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1).strip() : null;
            }
        }
    }

    @Test
    void theStoredKeyIsCoturnsMd5OfNameRealmAndPasswordNeverThePassword() throws SQLException {
        // the long-term credential example of coturn's documentation (turnadmin -k)
        users.register("north.gov", "ninefingers", "youhavetoberealistic", null, "test vector", TurnUser.Kind.registered);
        assertEquals("bc807ee29df3c9ffa736523fb2c4e8ee", storedKey("north.gov", "ninefingers"));
        users.register("north.gov", "gorst", "hero", null, null, TurnUser.Kind.registered);
        assertEquals("7da2270ccfa49786e0115366d3a3d14d", storedKey("north.gov", "gorst"));
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM turnusers_lt WHERE hmackey LIKE '%youhave%'"
                     + " OR note LIKE '%youhave%'");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            assertEquals(0, rs.getInt(1), "no trace of the password");
        }
    }

    @Test
    void usersInTheConfiguredRealmWithDetailsDuplicatesAndBadNamesRefused() throws SQLException {
        LocalDateTime expires = LocalDateTime.of(2030, 1, 1, 0, 0);
        TurnUser alice = users.register("alice-" + System.nanoTime(), "s3cret", expires, "laptop");
        assertEquals("duet", alice.getRealm(), "the default realm");
        TurnUser found = users.find(alice.getName()).orElseThrow();
        assertEquals(expires, found.getExpiresAt());
        assertEquals("laptop", found.getNote());
        assertEquals(TurnUser.Kind.registered, found.getKind());
        assertEquals(32, found.getHmackey().length());

        Refusal duplicate = assertThrows(Refusal.class,
                () -> users.register(alice.getName(), "other", null, null));
        assertEquals("name", duplicate.field());
        assertEquals("name", assertThrows(Refusal.class,
                () -> users.register("has:colon", "x", null, null)).field());
        assertEquals("password", assertThrows(Refusal.class,
                () -> users.register("nopassword", "", null, null)).field());

        assertTrue(users.remove(alice.getName()));
        assertFalse(users.find(alice.getName()).isPresent());
        assertEquals(null, storedKey("duet", alice.getName()));
        assertFalse(users.remove(alice.getName()));
    }
}
