package app.duet.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** db/V5_1 lower-cases the account names already stored (on H2 here; the ITs run it on PostgreSQL and HSQLDB). */
class AccountNamesMigrationTest {

    @Test
    void storedNamesBecomeLowerCaseAndAMixedCaseTwinOfAnExistingNameGoes() throws SQLException {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("filesystem:db").target("5").load().migrate();
        try (Connection db = DriverManager.getConnection(url, "sa", ""); Statement sql = db.createStatement()) {
            for (String name : List.of("admin", "Admin", "Ops-Team", "viewer")) {
                sql.executeUpdate("INSERT INTO duet_account (name, password_hash, role, created_at) VALUES ('"
                        + name + "', 'hash-of-" + name + "', 'admin', CURRENT_TIMESTAMP)");
            }
            Flyway.configure().dataSource(url, "sa", "").locations("filesystem:db").target("5.1").load().migrate();
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = sql.executeQuery("SELECT name, password_hash FROM duet_account ORDER BY name")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "=" + rs.getString(2));
                }
            }
            assertEquals(List.of("admin=hash-of-admin", "ops-team=hash-of-Ops-Team", "viewer=hash-of-viewer"), rows);
        }
    }
}
