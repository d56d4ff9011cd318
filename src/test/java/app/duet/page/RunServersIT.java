package app.duet.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Await;
import app.duet.testing.CallPage;
import app.duet.testing.Dirs;
import app.duet.testing.Http;
import app.duet.testing.JsonText;
import app.duet.testing.RunCommand;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code bin/run --server wildfly} and {@code bin/run --server tomee} as the README gives them:
 * bin/run itself, offline (see {@link RunCommand}), its data in target/run-servers/SERVER/data.
 * One call between two Chromium pages through each: both connect and decode video, the hang-up
 * reaches the history; after a restart of the server by bin/run the record is still there, read
 * from the embedded database file that bin/run keeps in the data directory (never in memory).
 * Runs on the Payara Micro share of the suite (it starts its own servers).
 */
class RunServersIT {

    @RegisterExtension
    static final BrowserPair BROWSERS = new BrowserPair();

    private static final String ADMIN_PASSWORD = "run-servers-admin-password";

    @ParameterizedTest(name = "bin/run --server {0}")
    @CsvSource({
        // the server, and its embedded database's file inside DUET_DATA (h2.cli; TomEE's default HSQLDB)
        "wildfly, wildfly/duet/h2.mv.db",
        "tomee, tomee/data/hsqldb/hsqldb.properties"})
    void aCallThroughTheServerIsRecordedInTheDataDirectoryAndKeptAcrossARestart(String server, String databaseFile) {
        Path data = Dirs.clean(Path.of("target", "run-servers", server)).resolve("data");
        String room = "run-" + UUID.randomUUID();
        try (RunCommand duet = new RunCommand(server, data, Map.of("DUET_ADMIN_PASSWORD", ADMIN_PASSWORD)).start()) {
            List<CallPage> call = BROWSERS.call(duet.base(), room);
            CallPage alice = call.get(0);
            CallPage bob = call.get(1);
            alice.awaitFramesGrowing();
            bob.awaitFramesGrowing();
            alice.browser.click("#hangup-btn");
            bob.awaitNotice("peer-left");
            JsonObject ended = Await.value("the call recorded as hung up", Await.DEFAULT,
                    () -> call(duet, room).filter(c -> "hang-up".equals(c.getString("endReason", ""))));
            assertEquals("Alice", ended.getString("firstName"), ended.toString());
            assertEquals("Bob", ended.getString("secondName"), ended.toString());

            duet.stop();
            assertTrue(Files.isRegularFile(data.resolve(databaseFile)), "the database is kept in DUET_DATA: " + databaseFile);
            duet.start();
            assertEquals(Optional.of(ended), call(duet, room), "the history after a restart");
        }
    }

    /** The room's one call, as the admin API lists it. */
    private static Optional<JsonObject> call(RunCommand duet, String room) {
        HttpResponse<String> calls = Http.as(duet.base(), "admin", ADMIN_PASSWORD).get("api/admin/calls?room=" + room);
        assertEquals(200, calls.statusCode(), calls.body());
        List<JsonObject> items = JsonText.object(calls).getJsonArray("items").stream().map(v -> v.asJsonObject()).toList();
        assertTrue(items.size() <= 1, items.toString());
        return items.stream().findFirst();
    }
}
