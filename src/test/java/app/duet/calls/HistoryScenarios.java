package app.duet.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Await;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
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

    /**
     * The server runs in a zone eight hours off UTC (JVM and process), so that "times are stored as
     * UTC" is checked by what the rows hold, not granted by a machine that happens to run on UTC.
     */
    static final String SERVER_ZONE = "Asia/Shanghai";
    /** Short heartbeat and grace, so that timeouts and disconnects happen within a test. */
    static final List<String> OPTIONS = List.of("-Dduet.heartbeat.seconds=1", "-Dduet.heartbeat.timeout.seconds=3",
            "-Dduet.resume.grace.seconds=2", "-Duser.timezone=" + SERVER_ZONE);
    static final Map<String, String> ENVIRONMENT = Map.of("TZ", SERVER_ZONE);
    static final Duration WAIT = Duration.ofSeconds(20);
    /** README: the writer notes running calls every 15 s, so a crashed call's end is at most ~15 s early. */
    static final Duration STILL_RUNNING_EVERY = Duration.ofSeconds(15);

    record CallRow(String id, String room, LocalDateTime startedAt, LocalDateTime endedAt, Long durationMs,
                   String firstName, String secondName, String firstPath, String secondPath, String endReason,
                   LocalDateTime lastSeenAt) {
    }

    /** The running server; a subclass starts it (and a test may restart it). */
    abstract MicroServer server();

    abstract Connection connect() throws SQLException;

    /** Makes what the database has committed survive a kill -9 of the server (H2 writes to disk with a delay). */
    abstract void makeDurable() throws SQLException;

    static String newRoom() {
        return "hist-" + UUID.randomUUID();
    }

    static LocalDateTime utcNow() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }

    List<CallRow> calls(String room) {
        try (Connection c = connect();
             PreparedStatement q = c.prepareStatement("SELECT id, room, started_at, ended_at, duration_ms, first_name,"
                     + " second_name, first_path, second_path, end_reason, last_seen_at FROM call_record WHERE room = ?"
                     + " ORDER BY started_at")) {
            q.setString(1, room);
            List<CallRow> rows = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(new CallRow(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDateTime.class),
                            rs.getObject(4, LocalDateTime.class), (Long) rs.getObject(5, Long.class), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                            rs.getObject(11, LocalDateTime.class)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The call's quality columns (db/V8), first and second side of each, as the database has them. */
    List<Object> quality(String id) {
        try (Connection c = connect();
             PreparedStatement q = c.prepareStatement("SELECT first_setup_ms, second_setup_ms, first_rtt_ms, second_rtt_ms,"
                     + " first_ice_restarts, second_ice_restarts, first_reconnected, second_reconnected FROM call_record"
                     + " WHERE id = ?")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), id);
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= 6; i++) {
                    row.add(rs.getObject(i, Integer.class));
                }
                row.add(rs.getObject(7, Boolean.class));
                row.add(rs.getObject(8, Boolean.class));
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the room has exactly one call record that satisfies {@code done}. */
    CallRow awaitCall(String room, String what, Duration timeout, Predicate<CallRow> done) {
        return Await.value("a call record of " + room + " " + what, timeout, () -> {
            List<CallRow> rows = calls(room);
            return rows.size() == 1 && done.test(rows.get(0)) ? Optional.of(rows.get(0)) : Optional.empty();
        });
    }

    CallRow awaitRunning(String room) {
        return awaitCall(room, "still running", WAIT, r -> r.endedAt() == null);
    }

    CallRow awaitEnded(String room) {
        return awaitCall(room, "that has ended", WAIT, r -> r.endedAt() != null);
    }

    /** A call in {@code room} that the second peer hangs up; returns its record once it has ended. */
    CallRow hungUpCall(String room) {
        try (SignalClient a = SignalClient.join(server().signal(room), "Alice");
             SignalClient b = SignalClient.join(server().signal(room), "Bob")) {
            a.next("peer-joined");
            b.send("{\"type\":\"leave\"}");
            a.next("peer-left");
        }
        return awaitEnded(room);
    }

    /**
     * A call in a room of its own, hung up, whose record has ended: the writer writes events in
     * order, so every event sent before it is in the database too.
     */
    void writerBarrier() {
        hungUpCall(newRoom());
    }

    @Test
    void aCallMakesExactlyOneRecordWithTheRightFieldsInUtc() {
        String room = newRoom();
        URI uri = server().signal(room);
        LocalDateTime before = utcNow().minusSeconds(1);
        try (SignalClient alice = SignalClient.join(uri, "Alice"); SignalClient bob = SignalClient.join(uri, "Bob")) {
            alice.next("peer-joined");
            bob.send("{\"type\":\"stats\",\"path\":\"relay\",\"setupMs\":2500,\"rttMs\":90,\"iceRestarts\":1,\"reconnected\":true}");
            alice.send("{\"type\":\"stats\",\"path\":\"host\"}");
            alice.send("{\"type\":\"stats\",\"path\":\"bogus\"}");
            alice.error("bad-message");
            CallRow running = awaitCall(room, "with both paths", WAIT,
                    r -> r.endedAt() == null && "host".equals(r.firstPath()) && "relay".equals(r.secondPath()));
            assertTrue(running.startedAt().isAfter(before) && running.startedAt().isBefore(utcNow().plusSeconds(1)),
                    "the start is stored in UTC although the server runs in " + SERVER_ZONE + ": " + before + " < "
                            + running.startedAt() + " < now (UTC)");
            // the call is to last over a second by the recorded start
            Await.until("a second past the recorded start", WAIT, () -> utcNow().isAfter(running.startedAt().plus(Duration.ofMillis(1100))));
            bob.send("{\"type\":\"leave\"}");
            alice.next("peer-left");
        }
        CallRow call = awaitEnded(room);
        LocalDateTime after = utcNow().plusSeconds(1);
        assertEquals(room, call.room());
        assertEquals("Alice", call.firstName());
        assertEquals("Bob", call.secondName());
        assertEquals("host", call.firstPath());
        assertEquals("relay", call.secondPath());
        assertEquals("hang-up", call.endReason());
        assertTrue(call.startedAt().isAfter(before) && call.endedAt().isBefore(after),
                "times are UTC although the server runs in " + SERVER_ZONE + ": " + before + " < " + call.startedAt()
                        + " .. " + call.endedAt() + " < " + after);
        assertEquals(Duration.between(call.startedAt(), call.endedAt()).toMillis(), call.durationMs());
        // issue 18 (db/V8): bob's figures in the second side's columns, alice sent only her path
        assertEquals(Arrays.asList(null, 2500, null, 90, null, 1, null, true), quality(call.id()));
        assertTrue(call.durationMs() >= 1000, "the call lasted over a second: " + call.durationMs());
        writerBarrier();
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
    void historySurvivesRestartsAndCallsCutByAStopOrACrashEndAsServerShutdown() throws SQLException {
        String finished = newRoom();
        CallRow done = hungUpCall(finished);

        String crashed = newRoom();
        SignalClient alice = SignalClient.join(server().signal(crashed), "Alice");
        SignalClient bob = SignalClient.join(server().signal(crashed), "Bob");
        // run until the writer has noted the call running a few seconds after its start (it does
        // every 15 s), so that "ended when last known to run" differs from "ended at its start"
        // (generous: on a loaded machine the writer's timer runs late)
        CallRow noted = awaitCall(crashed, "noted running 3 s after its start", Duration.ofSeconds(120),
                r -> r.endedAt() == null && r.lastSeenAt() != null && r.lastSeenAt().isAfter(r.startedAt().plusSeconds(3)));
        makeDurable();
        LocalDateTime killing = utcNow();
        server().kill();
        LocalDateTime killed = utcNow();
        alice.close();
        bob.close();
        assertNull(calls(crashed).get(0).endedAt(), "a crash writes nothing");
        server().start();
        CallRow recovered = awaitEnded(crashed);
        assertEquals("server-shutdown", recovered.endReason());
        assertTrue(recovered.endedAt().isAfter(noted.startedAt().plusSeconds(3)),
                "ended as of when it was last known to run (" + noted.lastSeenAt() + "), not at its start "
                        + noted.startedAt() + ": " + recovered.endedAt());
        assertFalse(recovered.endedAt().isAfter(killed), "ended no later than the kill at " + killed + ": " + recovered.endedAt());
        assertFalse(recovered.endedAt().isBefore(killing.minus(STILL_RUNNING_EVERY)),
                "ended at most 15 s before the kill at " + killing + ": " + recovered.endedAt());

        String stopped = newRoom();
        alice = SignalClient.join(server().signal(stopped), "Alice");
        bob = SignalClient.join(server().signal(stopped), "Bob");
        awaitRunning(stopped);
        LocalDateTime stopping = utcNow();
        server().stop();
        LocalDateTime down = utcNow();
        alice.close();
        bob.close();
        server().start();
        CallRow cut = awaitEnded(stopped);
        assertEquals("server-shutdown", cut.endReason(), "a call cut by a graceful stop too");
        // README: closed (at shutdown, or else on the next start) as of when last known to run, at most ~15 s early
        assertFalse(cut.endedAt().isBefore(stopping.minus(STILL_RUNNING_EVERY)) || cut.endedAt().isAfter(down),
                "a graceful stop ends its calls within 15 s before the stop, " + stopping + " .. " + down + ": " + cut.endedAt());

        assertEquals(List.of(done), calls(finished), "a finished call is kept as it was");
        try (SignalClient carol = SignalClient.join(server().signal(finished), "Carol")) {
            assertNotNull(carol.joined().getString("id"), "the restarted server serves calls");
        }
    }
}
