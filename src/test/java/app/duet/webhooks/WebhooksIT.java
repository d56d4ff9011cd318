package app.duet.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Await;
import app.duet.testing.Dirs;
import app.duet.testing.Http;
import app.duet.testing.JsonText;
import app.duet.testing.MicroServer;
import app.duet.testing.SignalClient;
import app.duet.testing.WebhookReceiver;
import app.duet.testing.WebhookReceiver.Mode;
import app.duet.testing.WebhookReceiver.Request;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Webhooks as a receiver sees them, from a Payara Micro process the test starts (with its embedded
 * H2 in a directory it keeps, so the test can kill and restart it), to a receiver the test runs
 * (the JDK's HttpServer): calls made by two signaling clients, the receiver hanging, refusing and
 * back, and Duet killed with events pending. Short retry settings, so that the outage lasts 20 s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhooksIT {

    static final String SECRET = "webhook-secret-for-the-tests-0123456789";
    static final String ADMIN_PASSWORD = "correct-horse-battery";
    /** The six events of a call whose second peer hangs up, then the first: in the order they happened. */
    static final List<String> CALL = List.of("peer.joined", "peer.joined", "call.started", "peer.left", "call.ended", "peer.left");

    static WebhookReceiver receiver;
    static MicroServer server;

    @BeforeAll
    static void start() {
        receiver = WebhookReceiver.start();
        Path root = Path.of("target", "webhooks", "payara");
        Dirs.clean(root.getParent());
        server = new MicroServer(root, List.of("-Dduet.webhook.urls=" + receiver.url(), "-Dduet.webhook.secret=" + SECRET,
                "-Dduet.webhook.retry.initial.millis=200", "-Dduet.webhook.retry.max.millis=2000",
                "-Dduet.webhook.connect.timeout.millis=2000", "-Dduet.webhook.read.timeout.millis=2000",
                "-Dduet.admin.password=" + ADMIN_PASSWORD), Map.of()).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        receiver.close();
    }

    static String room() {
        return "hooks-" + UUID.randomUUID();
    }

    /** Ann and Ben in a call in {@code room}, each reporting a path; Ben hangs up, then Ann. */
    static void call(String room) {
        try (SignalClient ann = SignalClient.join(server.signal(room), "Ann");
             SignalClient ben = SignalClient.join(server.signal(room), "Ben")) {
            ann.next("peer-joined");
            ann.send("{\"type\":\"stats\",\"path\":\"host\"}");
            ben.send("{\"type\":\"stats\",\"path\":\"relay\"}");
            ben.send("{\"type\":\"leave\"}");
            assertEquals("left", ann.next("peer-left").getString("reason"));
            ann.send("{\"type\":\"leave\"}");
        }
    }

    @Test
    @Order(1)
    void aCallSendsItsEventsSignedInOrder() {
        String room = room();
        long before = System.currentTimeMillis();
        call(room);
        List<Request> events = receiver.awaitAccepted(room, CALL.size());
        assertEquals(CALL, events.stream().map(Request::bodyType).toList());
        for (Request event : events) {
            assertNull(WebhookReceiver.refusal(event, SECRET, System.currentTimeMillis()), event.body());
            assertEquals(event.id(), event.eventId(), "Duet-Event-Id is the body's id");
            assertEquals(event.bodyType(), event.type(), "Duet-Event is the body's type");
        }
        assertEquals(CALL.size(), events.stream().map(Request::id).distinct().count(), "every event its own id");

        JsonObject joined = events.get(0).json();
        assertEquals("Ann", joined.getJsonObject("peer").getString("name"));
        JsonObject started = events.get(2).json().getJsonObject("call");
        JsonObject endedEvent = events.get(4).json();
        JsonObject ended = endedEvent.getJsonObject("call");
        assertEquals(started.getString("id"), ended.getString("id"));
        assertEquals(room, ended.getString("room"));
        assertEquals("Ann", ended.getString("firstName"));
        assertEquals("Ben", ended.getString("secondName"));
        assertTrue(ended.isNull("firstUser") && ended.isNull("secondUser"), "nobody joined with a token: " + ended);
        assertEquals("host", ended.getString("firstPath"));
        assertEquals("relay", ended.getString("secondPath"));
        assertEquals("hang-up", ended.getString("endReason"));
        long start = Instant.parse(ended.getString("startedAt")).toEpochMilli();
        long end = Instant.parse(ended.getString("endedAt")).toEpochMilli();
        assertTrue(before <= start && start <= end && end <= System.currentTimeMillis(), ended.toString());
        assertEquals(end - start, ended.getJsonNumber("durationMs").longValue());
        assertEquals(ended.getString("endedAt"), endedEvent.getString("occurredAt"));
        assertEquals("left", events.get(3).json().getString("reason"));
        assertEquals(events.get(1).json().getJsonObject("peer").getString("id"), events.get(3).json().getJsonObject("peer").getString("id"),
                "Ben, who joined second, left first");
    }

    /**
     * The receiver hangs (Duet's read timeout: 2 s) for 8 s, then answers 503 until 20 s have
     * passed: a call made while it hangs and one while it refuses both complete, and once it is
     * back every event of both arrives, none twice.
     */
    @Test
    @Order(2)
    void aReceiverDownForTwentySecondsGetsEveryEventOnce() {
        double failuresBefore = metric("duet_webhook_failures_total");
        long downAt = System.currentTimeMillis();
        receiver.mode(Mode.HANG);
        String whileHanging = room();
        call(whileHanging);
        Await.until("a request held by the hanging receiver", () -> receiver.all().stream()
                .anyMatch(r -> r.answered() == Mode.HANG && r.body().contains(whileHanging)));
        Await.pause(Math.max(0, downAt + 8_000 - System.currentTimeMillis())); // the stated time passes
        receiver.mode(Mode.UNAVAILABLE);
        String whileRefusing = room();
        call(whileRefusing);
        Await.pause(Math.max(0, downAt + 20_000 - System.currentTimeMillis()));
        assertTrue(receiver.accepted(whileHanging).isEmpty() && receiver.accepted(whileRefusing).isEmpty());
        receiver.mode(Mode.ACCEPT);

        for (String room : List.of(whileHanging, whileRefusing)) {
            List<Request> events = receiver.awaitAccepted(room, CALL.size());
            assertEquals(CALL.stream().sorted().toList(), events.stream().map(Request::bodyType).sorted().toList(), room);
            events.forEach(e -> assertNull(WebhookReceiver.refusal(e, SECRET, System.currentTimeMillis()), e.body()));
        }
        awaitNothingPending();
        for (String room : List.of(whileHanging, whileRefusing)) {
            assertEquals(Map.of(), twice(receiver.accepted(room)), "no event accepted twice");
        }
        assertTrue(metric("duet_webhook_failures_total") - failuresBefore >= 2, "failed attempts counted in /metrics");

        // what failed, as the admin API shows it (the last error of each: 503 for most by now)
        JsonObject status = JsonText.object(Http.as(server.base(), "admin", ADMIN_PASSWORD).get("api/admin/webhooks"));
        assertEquals(List.of(receiver.url()), status.getJsonArray("receivers").getValuesAs(JsonString::getString));
        assertEquals(0, status.getInt("pending"));
        List<JsonObject> recent = status.getJsonArray("recentFailures").getValuesAs(JsonObject.class);
        assertTrue(recent.stream().anyMatch(f -> f.getString("lastError").equals("HTTP 503") && f.getString("state").equals("delivered")
                && f.getInt("attempts") >= 2), recent.toString());
        assertTrue(status.getJsonObject("node").getJsonNumber("failures").longValue() >= 2, status.toString());
    }

    /**
     * Events waiting in the outbox when Duet is killed (kill -9) arrive after it is started again,
     * once each; a call still running at the kill gets its {@code call.ended} ({@code
     * server-shutdown}) after the restart, when the history closes it.
     */
    @Test
    @Order(3)
    void eventsPendingAtAKillArriveAfterTheRestart() throws SQLException {
        receiver.mode(Mode.UNAVAILABLE);
        String room = room();
        call(room);
        String running = room();
        try (SignalClient ann = SignalClient.join(server.signal(running), "Ann");
             SignalClient ben = SignalClient.join(server.signal(running), "Ben")) {
            ann.next("peer-joined");
            // all six in the outbox and being tried (which of them first is the outbox's business);
            // the running call's start in the history and its first three events in the outbox
            Await.until("the call's six events pending in the outbox, one of them tried", () -> pending(room, 0) == CALL.size()
                    && pending(room, 1) > 0 && pending(running, 0) == 3 && openCalls(running) == 1);
            try (Connection db = h2(); Statement s = db.createStatement()) {
                s.execute("CHECKPOINT"); // H2 writes committed rows to disk with a delay (see H2HistoryIT)
            }
            server.kill();
        }
        assertTrue(receiver.accepted(room).isEmpty());
        receiver.mode(Mode.ACCEPT);
        server.start();
        List<Request> events = receiver.awaitAccepted(room, CALL.size());
        assertEquals(CALL.stream().sorted().toList(), events.stream().map(Request::bodyType).sorted().toList());
        events.forEach(e -> assertNull(WebhookReceiver.refusal(e, SECRET, System.currentTimeMillis()), e.body()));
        assertEndedByShutdown(running);
        awaitNothingPending();
        assertEquals(Map.of(), twice(receiver.accepted(room)), "no event accepted twice");
        assertEquals(Map.of(), twice(receiver.accepted(running)), "no event accepted twice");
    }

    /** A call running when Duet is stopped (SIGTERM) gets its {@code call.ended} ({@code server-shutdown}). */
    @Test
    @Order(4)
    void aCallRunningWhenDuetStopsEndsAsServerShutdown() {
        receiver.mode(Mode.ACCEPT);
        String running = room();
        try (SignalClient ann = SignalClient.join(server.signal(running), "Ann");
             SignalClient ben = SignalClient.join(server.signal(running), "Ben")) {
            ann.next("peer-joined");
            Await.until("the call's start at the receiver", () -> receiver.accepted(running).stream()
                    .anyMatch(r -> r.bodyType().equals("call.started")));
            server.stop();
        }
        server.start();
        assertEndedByShutdown(running);
        awaitNothingPending();
        assertEquals(Map.of(), twice(receiver.accepted(running)), "no event accepted twice");
    }

    /** The room's call, started and never ended by its peers, reached the receiver as ended by {@code server-shutdown}. */
    static void assertEndedByShutdown(String room) {
        // longer than a courier's lease (20 s): a row claimed by a server that then stops is sent again
        // only once the lease has run out
        Await.until("the call's end at the receiver", Duration.ofSeconds(45), () -> receiver.accepted(room).stream()
                .anyMatch(r -> r.bodyType().equals("call.ended")));
        List<Request> events = receiver.accepted(room);
        List<Request> ended = events.stream().filter(r -> r.bodyType().equals("call.ended")).toList();
        assertEquals(1, ended.size(), events.toString());
        JsonObject call = ended.get(0).json().getJsonObject("call");
        assertEquals("server-shutdown", call.getString("endReason"), call.toString());
        assertEquals("Ann", call.getString("firstName"), call.toString());
        assertEquals("Ben", call.getString("secondName"), call.toString());
        assertNull(WebhookReceiver.refusal(ended.get(0), SECRET, System.currentTimeMillis()), ended.get(0).body());
    }

    /** Calls of {@code room} the history holds as running. */
    static long openCalls(String room) {
        return count("SELECT COUNT(*) FROM call_record WHERE ended_at IS NULL AND room = ?", q -> {
            try {
                q.setString(1, room);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return q;
        });
    }

    /** Event ids accepted more than once, with their counts. */
    static Map<String, Long> twice(List<Request> accepted) {
        return accepted.stream().collect(Collectors.groupingBy(Request::id, Collectors.counting())).entrySet().stream()
                .filter(e -> e.getValue() > 1).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Until nothing waits in memory or in the outbox: whatever was to be sent has been. */
    static void awaitNothingPending() {
        Await.until("no webhook event waiting in memory or in the outbox", () -> metric("duet_webhook_queued") == 0
                && count("SELECT COUNT(*) FROM webhook_outbox WHERE delivery_state = 'pending'", Function.identity()) == 0);
    }

    /** Pending outbox rows about {@code room} that have been tried at least {@code attempts} times. */
    static long pending(String room, int attempts) {
        return count("SELECT COUNT(*) FROM webhook_outbox WHERE delivery_state = 'pending' AND attempts >= " + attempts
                + " AND body LIKE ?", q -> {
                    try {
                        q.setString(1, "%\"" + room + "\"%");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    return q;
                });
    }

    static long count(String sql, Function<PreparedStatement, PreparedStatement> bind) {
        try (Connection db = h2(); PreparedStatement q = bind.apply(db.prepareStatement(sql)); ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Connection h2() throws SQLException {
        return DriverManager.getConnection(server.h2Url(), "", "");
    }

    static double metric(String name) {
        String body = Http.anonymous(server.base()).get("metrics").body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(body);
        assertTrue(m.find(), name + " missing from /metrics");
        return Double.parseDouble(m.group(1));
    }
}
