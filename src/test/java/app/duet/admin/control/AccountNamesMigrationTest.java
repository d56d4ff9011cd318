package app.duet.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.duet.testing.SchemaSteps;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** db/V5_1 lower-cases the account names already stored (on H2 here; the ITs run it on PostgreSQL and HSQLDB). */
class AccountNamesMigrationTest {

    @Test
    void storedNamesBecomeLowerCaseAndAMixedCaseTwinOfAnExistingNameGoes() throws SQLException {
        SchemaSteps schema = new SchemaSteps().migrateTo("5");
        try (Connection db = schema.connect(); Statement sql = db.createStatement()) {
            for (String name : List.of("admin", "Admin", "Ops-Team", "viewer")) {
                sql.executeUpdate("INSERT INTO duet_account (name, password_hash, role, created_at) VALUES ('"
                        + name + "', 'hash-of-" + name + "', 'admin', CURRENT_TIMESTAMP)");
            }
            schema.migrateTo("5.1");
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
