package app.duet.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.MicroServer;
import app.duet.testing.SignalClient;
import app.duet.testing.SilentPeer;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The call history as a user of the server sees it: calls through the signaling endpoint, records
 * read straight from the database. Subclasses run it on H2 and on PostgreSQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class HistoryScenarios {

    /** Short heartbeat and grace, so that timeouts and disconnects happen within a test. */
    static final List<String> OPTIONS = List.of("-Dduet.heartbeat.seconds=1", "-Dduet.heartbeat.timeout.seconds=3",
            "-Dduet.resume.grace.seconds=2");
    static final Duration WAIT = Duration.ofSeconds(20);

    record CallRow(String id, String room, LocalDateTime startedAt, LocalDateTime endedAt, Long durationMs,
                   String firstName, String secondName, String firstPath, String secondPath, String endReason) {
    }

    /** The running server; a subclass starts it (and a test may restart it). */
    abstract MicroServer server();

    abstract Connection connect() throws SQLException;

    static String newRoom() {
        return "hist-" + UUID.randomUUID();
    }

    List<CallRow> calls(String room) {
        try (Connection c = connect();
             PreparedStatement q = c.prepareStatement("SELECT id, room, started_at, ended_at, duration_ms, first_name,"
                     + " second_name, first_path, second_path, end_reason FROM call_record WHERE room = ? ORDER BY started_at")) {
            q.setString(1, room);
            List<CallRow> rows = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(new CallRow(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDateTime.class),
                            rs.getObject(4, LocalDateTime.class), (Long) rs.getObject(5, Long.class), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the room has exactly one call record that satisfies {@code done}. */
    CallRow awaitCall(String room, java.util.function.Predicate<CallRow> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<CallRow> rows = List.of();
        while (System.nanoTime() < deadline) {
            rows = calls(room);
            if (rows.size() == 1 && done.test(rows.get(0))) {
                return rows.get(0);
            }
            sleep(200);
        }
        throw new AssertionError("no finished call record for " + room + ": " + rows);
    }

    CallRow awaitEnded(String room) {
        return awaitCall(room, r -> r.endedAt() != null);
    }

    @Test
    void aCallMakesExactlyOneRecordWithTheRightFields() {
        String room = newRoom();
        URI uri = server().signal(room);
        LocalDateTime before = LocalDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        try (SignalClient alice = SignalClient.join(uri, "Alice"); SignalClient bob = SignalClient.join(uri, "Bob")) {
            alice.next("peer-joined");
            bob.send("{\"type\":\"stats\",\"path\":\"relay\"}");
            alice.send("{\"type\":\"stats\",\"path\":\"host\"}");
            alice.send("{\"type\":\"stats\",\"path\":\"bogus\"}");
            alice.error("bad-message");
            sleep(1200);
            bob.send("{\"type\":\"leave\"}");
            alice.next("peer-left");
        }
        CallRow call = awaitEnded(room);
        LocalDateTime after = LocalDateTime.now(ZoneOffset.UTC).plusSeconds(1);
        assertEquals(room, call.room());
        assertEquals("Alice", call.firstName());
        assertEquals("Bob", call.secondName());
        assertEquals("host", call.firstPath());
        assertEquals("relay", call.secondPath());
        assertEquals("hang-up", call.endReason());
        assertTrue(call.startedAt().isAfter(before) && call.endedAt().isBefore(after),
                "times are UTC: " + before + " < " + call.startedAt() + " .. " + call.endedAt() + " < " + after);
        assertEquals(Duration.between(call.startedAt(), call.endedAt()).toMillis(), call.durationMs());
        assertTrue(call.durationMs() >= 1000, "the call lasted over a second: " + call.durationMs());
        sleep(1000);
        assertEquals(1, calls(room).size(), "exactly one record");
    }

    @Test
    void aPeerThatDoesNotComeBackEndsTheCallAsDisconnectAndASilentOneAsTimeout() throws Exception {
        String dropped = newRoom();
        try (SignalClient alice = SignalClient.join(server().signal(dropped), "Alice")) {
            SignalClient bob = SignalClient.join(server().signal(dropped), "Bob");
            alice.next("peer-joined");
            bob.drop();
            assertEquals("disconnected", alice.next("peer-left").getString("reason"));
        }
        assertEquals("disconnect", awaitEnded(dropped).endReason());

        String silent = newRoom();
        try (SignalClient alice = SignalClient.join(server().signal(silent), "Alice");
             SilentPeer bob = new SilentPeer(server().signal(silent))) {
            bob.send("{\"type\":\"join\",\"name\":\"Bob\"}");
            alice.next("peer-joined");
            assertEquals("timeout", alice.next("peer-left").getString("reason"));
        }
        assertEquals("timeout", awaitEnded(silent).endReason());
    }

    @Test
    @Order(Integer.MAX_VALUE) // restarts the server: last, so a failure here cannot take the others down
    void historySurvivesRestartsAndCallsCutByAStopOrACrashEndAsServerShutdown() {
        String finished = newRoom();
        try (SignalClient alice = SignalClient.join(server().signal(finished), "Alice");
             SignalClient bob = SignalClient.join(server().signal(finished), "Bob")) {
            alice.next("peer-joined");
            alice.send("{\"type\":\"leave\"}");
            bob.next("peer-left");
        }
        CallRow done = awaitEnded(finished);

        String crashed = newRoom();
        SignalClient alice = SignalClient.join(server().signal(crashed), "Alice");
        SignalClient bob = SignalClient.join(server().signal(crashed), "Bob");
        CallRow running = awaitCall(crashed, r -> r.endedAt() == null);
        // embedded H2 writes committed rows to disk with a delay (WRITE_DELAY, store auto-commit,
        // up to ~1 s): a kill -9 inside it lost the row itself once in CI, which is not what this
        // test is about
        sleep(1500);
        server().kill();
        alice.close();
        bob.close();
        assertNull(calls(crashed).get(0).endedAt(), "a crash writes nothing");
        server().start();
        CallRow recovered = awaitEnded(crashed);
        assertEquals("server-shutdown", recovered.endReason());
        assertFalse(recovered.endedAt().isBefore(running.startedAt()));
        assertTrue(recovered.endedAt().isBefore(LocalDateTime.now(ZoneOffset.UTC).plusSeconds(1)));

        String stopped = newRoom();
        alice = SignalClient.join(server().signal(stopped), "Alice");
        bob = SignalClient.join(server().signal(stopped), "Bob");
        awaitCall(stopped, r -> r.endedAt() == null);
        server().stop();
        alice.close();
        bob.close();
        server().start();
        assertEquals("server-shutdown", awaitEnded(stopped).endReason(), "a call cut by a graceful stop too");

        assertEquals(List.of(done), calls(finished), "a finished call is kept as it was");
        try (SignalClient carol = SignalClient.join(server().signal(finished), "Carol")) {
            assertNotNull(carol.joined().getString("id"), "the restarted server serves calls");
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
