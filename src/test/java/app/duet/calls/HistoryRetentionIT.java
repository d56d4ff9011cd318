package app.duet.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.duet.testing.Await;
import app.duet.testing.Dirs;
import app.duet.testing.MicroServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code duet.history.retention.days}: calls that ended longer ago are deleted at start-up and
 * daily, newer ones stay (issue 13, item 7: the history a public deployment collects is bounded).
 */
class HistoryRetentionIT {

    @Test
    void callsThatEndedBeforeTheRetentionAreDeletedAndNewerOnesKept() throws Exception {
        Path root = Path.of("target", "history-retention", "payara");
        Dirs.clean(root.getParent());
        String room = "retention-" + UUID.randomUUID();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        try (MicroServer server = new MicroServer(root, List.of("-Dduet.history.retention.days=30"), Map.of()).start()) {
            try (Connection c = DriverManager.getConnection(server.h2Url(), "", "")) {
                insert(c, room, "old", now.minusDays(41), now.minusDays(40));
                insert(c, room, "kept", now.minusDays(29), now.minusDays(29).plusMinutes(5));
                insert(c, room, "recent", now.minusHours(2), now.minusHours(1));
            }
            server.stop();
            server.start();
            // the sweep runs 10 s after start-up
            Await.until("the call that ended 40 days ago is deleted", Duration.ofSeconds(60),
                    () -> names(server, room).size() == 2);
            assertEquals(List.of("kept", "recent"), names(server, room));
        }
    }

    private static void insert(Connection c, String room, String name, LocalDateTime start, LocalDateTime end) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO call_record (id, room, started_at, ended_at, last_seen_at,"
                + " duration_ms, first_name, second_name, end_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'left')")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, room);
            insert.setObject(3, start);
            insert.setObject(4, end);
            insert.setObject(5, end);
            insert.setLong(6, Duration.between(start, end).toMillis());
            insert.setString(7, name);
            insert.setString(8, name);
            insert.executeUpdate();
        }
    }

    private static List<String> names(MicroServer server, String room) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.h2Url(), "", "");
             PreparedStatement q = c.prepareStatement("SELECT first_name FROM call_record WHERE room = ? ORDER BY started_at")) {
            q.setString(1, room);
            try (ResultSet rs = q.executeQuery()) {
                List<String> names = new java.util.ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                return names;
            }
        }
    }
}
