package app.duet.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Dirs;
import app.duet.testing.MicroServer;
import app.duet.testing.Postgres;
import app.duet.testing.SignalClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Call history on a real PostgreSQL (Debian's, a private cluster), which Payara Micro's default
 * datasource points at through src/deploy/payara-micro/postgresql.asadmin; plus a database outage.
 */
class PostgresHistoryIT extends HistoryScenarios {

    static Postgres postgres;
    static MicroServer server;

    @BeforeAll
    static void start() throws IOException {
        Path dir = Path.of("target", "history-postgres");
        Dirs.clean(dir);
        postgres = new Postgres(dir.resolve("db"), 55432).start();
        List<String> options = new ArrayList<>(OPTIONS);
        options.addAll(postgres.payaraOptions());
        server = new MicroServer(dir.resolve("payara"), options, postgres.environment()).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        postgres.close();
    }

    private static void awaitLog(String text) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!server.logText().contains(text)) {
            assertTrue(System.nanoTime() < deadline, "the server log never said: " + text);
            sleep(250);
        }
    }

    @Override
    MicroServer server() {
        return server;
    }

    @Override
    Connection connect() throws SQLException {
        return postgres.connect();
    }

    @Test
    void callsGoOnWhileTheDatabaseIsDownAndTheirRecordsAppearWhenItIsBack() throws Exception {
        String during = newRoom();
        String whileDown = newRoom();
        try (SignalClient alice = SignalClient.join(server.signal(during), "Alice");
             SignalClient bob = SignalClient.join(server.signal(during), "Bob")) {
            alice.next("peer-joined");
            awaitCall(during, r -> r.endedAt() == null);
            postgres.stop();
            try {
                alice.send("{\"type\":\"offer\",\"sdp\":\"while the database is down\"}");
                assertEquals("while the database is down", bob.next("offer").getString("sdp"));
                try (SignalClient carol = SignalClient.join(server.signal(whileDown), "Carol");
                     SignalClient dave = SignalClient.join(server.signal(whileDown), "Dave")) {
                    carol.next("peer-joined");
                    dave.send("{\"type\":\"stats\",\"path\":\"srflx\"}");
                    sleep(600);
                    dave.send("{\"type\":\"leave\"}");
                    carol.next("peer-left");
                }
                HttpResponse<String> health = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(server.base().resolve("api/health")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode());
                bob.send("{\"type\":\"leave\"}");
                alice.next("peer-left");
                awaitLog("the database is away");
            } finally {
                postgres.start(); // also when the test failed: the tests after it need it
            }
        }
        assertEquals("hang-up", awaitEnded(during).endReason());
        CallRow missed = awaitEnded(whileDown);
        assertEquals("Carol", missed.firstName());
        assertEquals("srflx", missed.secondPath());
        assertEquals("hang-up", missed.endReason());
        awaitLog("Call history database is back");
    }
}
