package app.duet.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
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

    /** coturn's long-term key, computed here: hex(md5(name:realm:password)). */
    private static String md5Hex(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every column of the user's row, as text (null columns left out). */
    private Map<String, String> row(String realm, String name) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT * FROM turnusers_lt WHERE realm = ? AND name = ?")) {
            q.setString(1, realm);
            q.setString(2, name);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), "a row for " + name);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    if (rs.getString(i) != null) {
                        row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getString(i));
                    }
                }
                return row;
            }
        }
    }

    @Test
    void theStoredKeyIsCoturnsMd5OfNameRealmAndPasswordNeverThePassword() throws Exception {
        // coturn's documented example is HmacKeyTest's; here unique names, so that a rerun finds no duplicate
        String realm = "north-" + System.nanoTime() + ".gov";
        String name = "ninefingers-" + System.nanoTime();
        String password = "youhavetoberealistic-" + UUID.randomUUID();
        users.register(realm, name, password, null, "test vector", TurnUser.Kind.registered);
        Map<String, String> row = row(realm, name);
        assertEquals(md5Hex(name + ":" + realm + ":" + password), row.get("hmackey").strip(), "hmackey of " + row);
        assertEquals(md5Hex(name + ":" + realm + ":" + password), storedKey(realm, name));
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        List<String> forms = List.of(password, HexFormat.of().formatHex(bytes), Base64.getEncoder().encodeToString(bytes),
                md5Hex(password));
        row.forEach((column, value) -> forms.forEach(form -> assertFalse(value.strip().toLowerCase(Locale.ROOT)
                .contains(form.toLowerCase(Locale.ROOT)), "column " + column + " holds the password (" + form + "): " + value)));

        String other = "gorst-" + System.nanoTime();
        users.register(realm, other, password, null, null, TurnUser.Kind.registered);
        assertEquals(md5Hex(other + ":" + realm + ":" + password), storedKey(realm, other), "the key depends on the name");
        assertNotEquals(storedKey(realm, name), storedKey(realm, other));
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
                () -> users.register("has:colon-" + System.nanoTime(), "x", null, null)).field());
        String nopassword = "nopassword-" + System.nanoTime();
        assertEquals("password", assertThrows(Refusal.class, () -> users.register(nopassword, "", null, null)).field());
        assertFalse(users.find(nopassword).isPresent(), "nothing half-made");

        assertTrue(users.remove(alice.getName()));
        assertFalse(users.find(alice.getName()).isPresent());
        assertEquals(null, storedKey("duet", alice.getName()));
        assertFalse(users.remove(alice.getName()));
    }

    /**
     * Pages by name with the count of all that match (on H2, HSQLDB and PostgreSQL alike), in a
     * realm of this test's own so that no other user counts: registered in shuffled order.
     */
    @Test
    void usersComeInPagesByNameWithTheCountOfAllThatMatch() {
        String realm = "paged-" + System.nanoTime() + ".test";
        for (String name : List.of("u-e", "u-b", "u-d", "u-a", "u-c")) {
            users.register(realm, name, "pw", null, null, TurnUser.Kind.registered);
        }
        users.register(realm, "u-f", "pw", null, null, TurnUser.Kind.ephemeral);
        List<List<String>> pages = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            TurnUsers.Page one = users.page(realm, TurnUser.Kind.registered, page, 2);
            assertEquals(5, one.total(), "page " + page);
            pages.add(one.items().stream().map(TurnUser::getName).toList());
        }
        assertEquals(List.of(List.of("u-a", "u-b"), List.of("u-c", "u-d"), List.of("u-e"), List.of()), pages);
        TurnUsers.Page all = users.page(realm, null, 0, 10);
        assertEquals(6, all.total());
        assertEquals(List.of("u-a", "u-b", "u-c", "u-d", "u-e", "u-f"), all.items().stream().map(TurnUser::getName).toList());
        TurnUsers.Page ephemeral = users.page(realm, TurnUser.Kind.ephemeral, 0, 10);
        assertEquals(1, ephemeral.total());
        assertEquals(List.of("u-f"), ephemeral.items().stream().map(TurnUser::getName).toList());
    }
}
