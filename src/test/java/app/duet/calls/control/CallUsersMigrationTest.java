package app.duet.calls.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.duet.testing.SchemaSteps;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * db/V6 adds each side's user to the history: calls recorded before it keep their rows, without
 * users (on H2 here; the ITs run it on PostgreSQL and HSQLDB).
 */
class CallUsersMigrationTest {

    @Test
    void earlierCallsStayWithoutUsersAndNewOnesTakeThem() throws SQLException {
        SchemaSteps schema = new SchemaSteps().migrateTo("5.1");
        try (Connection db = schema.connect(); Statement sql = db.createStatement()) {
            sql.executeUpdate("INSERT INTO call_record (id, room, started_at) VALUES ('before', 'r', CURRENT_TIMESTAMP)");
            schema.migrateTo("6");
            sql.executeUpdate("INSERT INTO call_record (id, room, started_at, first_user, second_user)"
                    + " VALUES ('after', 'r', CURRENT_TIMESTAMP, '" + "u".repeat(255) + "', NULL)");
            StringBuilder rows = new StringBuilder();
            try (ResultSet rs = sql.executeQuery("SELECT id, first_user, second_user FROM call_record ORDER BY id")) {
                while (rs.next()) {
                    rows.append(rs.getString(1)).append('=').append(rs.getString(2)).append('/').append(rs.getString(3)).append(' ');
                }
            }
            assertEquals("after=" + "u".repeat(255) + "/null before=null/null ", rows.toString());
        }
    }
}
