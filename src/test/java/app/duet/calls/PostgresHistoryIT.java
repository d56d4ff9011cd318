package app.duet.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.duet.testing.Await;
import app.duet.testing.Dirs;
import app.duet.testing.Http;
import app.duet.testing.MicroServer;
import app.duet.testing.Ports;
import app.duet.testing.Postgres;
import app.duet.testing.SignalClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    static void start() {
        Path dir = Path.of("target", "history-postgres");
        Dirs.clean(dir);
        postgres = new Postgres(dir.resolve("db"), Ports.free()).start();
        List<String> options = new ArrayList<>(OPTIONS);
        options.addAll(postgres.payaraOptions());
        Map<String, String> environment = new HashMap<>(postgres.environment());
        environment.putAll(ENVIRONMENT);
        server = new MicroServer(dir.resolve("payara"), options, environment).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        postgres.close();
    }

    private static void awaitLog(String text) {
        Await.until("the server log to say: " + text, WAIT, () -> server.logText().contains(text));
    }

    @Override
    MicroServer server() {
        return server;
    }

    @Override
    Connection connect() throws SQLException {
        return postgres.connect();
    }

    /** A commit on PostgreSQL is on disk (the server crashes, not the database). */
    @Override
    void makeDurable() {
    }

    @Test
    void callsGoOnWhileTheDatabaseIsDownAndTheirRecordsAppearWhenItIsBack() throws Exception {
        String during = newRoom();
        String whileDown = newRoom();
        try (SignalClient alice = SignalClient.join(server.signal(during), "Alice");
             SignalClient bob = SignalClient.join(server.signal(during), "Bob")) {
            alice.next("peer-joined");
            awaitRunning(during);
            postgres.stop();
            try {
                alice.send("{\"type\":\"offer\",\"sdp\":\"while the database is down\"}");
                assertEquals("while the database is down", bob.next("offer").getString("sdp"));
                try (SignalClient carol = SignalClient.join(server.signal(whileDown), "Carol");
                     SignalClient dave = SignalClient.join(server.signal(whileDown), "Dave")) {
                    carol.next("peer-joined");
                    dave.send("{\"type\":\"stats\",\"path\":\"srflx\"}");
                    dave.send("{\"type\":\"leave\"}");
                    carol.next("peer-left");
                }
                assertEquals(200, Http.anonymous(server.base()).get("api/health").statusCode(), "healthy without its database");
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
