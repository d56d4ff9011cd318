package app.duet.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.duet.testing.Coturn;
import app.duet.testing.Dirs;
import app.duet.testing.Http;
import app.duet.testing.JsonText;
import app.duet.testing.MicroServer;
import app.duet.testing.Ports;
import app.duet.testing.Postgres;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * PostgreSQL, coturn reading it, and Duet on it: what the TURN tests share. A JUnit extension
 * ({@code @RegisterExtension static}): started before the class's tests, stopped after them.
 */
final class TurnFixture implements BeforeAllCallback, AfterAllCallback {

    static final String ADMIN_PASSWORD = "turn-admin-password";

    private final String name;
    private final List<String> duetOptions;
    private final String[] coturnLines;
    Postgres postgres;
    Coturn coturn;
    MicroServer server;
    Http admin;

    /** @param coturnLines coturn settings besides the loopback ones and the database */
    TurnFixture(String name, List<String> duetOptions, String... coturnLines) {
        this.name = name;
        this.duetOptions = duetOptions;
        this.coturnLines = coturnLines;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Path dir = Dirs.clean(Path.of("target", name));
        int postgresPort = Ports.free();
        postgres = new Postgres(dir.resolve("db"), postgresPort).start();
        coturn = new Coturn(dir.resolve("coturn"));
        List<String> options = new ArrayList<>(duetOptions);
        // the TURN tests ask api/ice-servers often, from one address (ClientLimitsIT tests the limit)
        options.add("-Dduet.address.ice.burst=100000");
        options.add("-Dduet.turn.urls=" + coturn.url());
        options.addAll(postgres.payaraOptions());
        // Duet first: its migrations make coturn's tables
        Map<String, String> environment = new HashMap<>(postgres.environment());
        environment.put("DUET_ADMIN_PASSWORD", ADMIN_PASSWORD);
        server = new MicroServer(dir.resolve("payara"), options, environment).start();
        admin = Http.as(server.base(), "admin", ADMIN_PASSWORD);
        List<String> lines = new ArrayList<>(List.of(coturnLines));
        lines.add("psql-userdb=host=127.0.0.1 port=" + postgresPort + " dbname=" + Postgres.DATABASE + " user="
                + Postgres.USER + " password=" + Postgres.PASSWORD + " connect_timeout=5");
        coturn.start(lines.toArray(String[]::new));
    }

    /** GET api/ice-servers: the whole answer. */
    JsonObject iceServers() {
        HttpResponse<String> response = Http.anonymous(server.base()).get("api/ice-servers");
        assertEquals(200, response.statusCode(), () -> "api/ice-servers: " + response.body());
        return JsonText.object(response);
    }

    /** The TURN entry (urls, username, credential) of an ice-servers answer. */
    static JsonObject turnEntry(JsonObject iceServers) {
        JsonArray servers = iceServers.getJsonArray("iceServers");
        return servers.getJsonObject(servers.size() - 1);
    }

    /** GET api/ice-servers: its TURN entry. */
    JsonObject turnServer() {
        return turnEntry(iceServers());
    }

    /** Whether coturn lets a client allocate and relay with these credentials (turnutils_uclient). */
    boolean allocates(JsonObject turn) {
        return coturn.allocates(turn.getString("username"), turn.getString("credential"));
    }

    /** coturn's error code for an Allocate with these credentials (401: refused); 0 when allocated. */
    int allocateError(JsonObject turn) {
        return coturn.allocateError(turn.getString("username"), turn.getString("credential"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (AutoCloseable part : new AutoCloseable[] {coturn, server, postgres}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                context.publishReportEntry("close", String.valueOf(e));
            }
        }
    }
}
