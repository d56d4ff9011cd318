package app.duet.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.duet.testing.SchemaSteps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** db/V7 makes the outbox (on H2 here; the ITs run it on PostgreSQL, and TomEE's on HSQLDB). */
class OutboxMigrationTest {

    @Test
    void holdsTheLongestUrlAndBodyAndFindsDueRows() throws SQLException {
        SchemaSteps schema = new SchemaSteps().migrateTo("7");
        String url = "https://example.com/" + "u".repeat(WebhookSettings.MAX_URL_LENGTH - 20);
        try (Connection db = schema.connect(); PreparedStatement insert = db.prepareStatement("INSERT INTO webhook_outbox"
                + " (id, event_id, event_type, url, body, seq, created_at, next_attempt_at, attempts, sender_node, delivery_state)"
                + " VALUES (?, ?, 'call.started', ?, ?, ?, 0, ?, 0, 'node', 'pending')")) {
            for (int i = 0; i < 3; i++) {
                insert.setString(1, "row-" + i);
                insert.setString(2, "event-" + i);
                insert.setString(3, url);
                insert.setString(4, "b".repeat(16_000));
                insert.setLong(5, 1_700_000_000_000_000L + i);
                insert.setLong(6, 1_700_000_000_000L + i * 1000L);
                insert.executeUpdate();
            }
            try (ResultSet rs = db.createStatement().executeQuery("SELECT id, LENGTH(body), LENGTH(url) FROM webhook_outbox"
                    + " WHERE delivery_state = 'pending' AND next_attempt_at <= 1700000001000 ORDER BY seq")) {
                StringBuilder rows = new StringBuilder();
                while (rs.next()) {
                    rows.append(rs.getString(1)).append(' ').append(rs.getInt(2)).append(' ').append(rs.getInt(3)).append(';');
                }
                assertEquals("row-0 16000 2048;row-1 16000 2048;", rows.toString());
            }
        }
    }
}
