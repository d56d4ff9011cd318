package app.duet.turn;

import app.duet.testing.Coturn;
import app.duet.testing.Dirs;
import app.duet.testing.Http;
import app.duet.testing.MicroServer;
import app.duet.testing.Postgres;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/** PostgreSQL, coturn reading it, and Duet on it: what the TURN tests share. */
final class TurnFixture implements AutoCloseable {

    final Postgres postgres;
    final Coturn coturn;
    final MicroServer server;
    final Http admin;
    static final String ADMIN_PASSWORD = "turn-admin-password";

    /** @param coturnLines coturn settings besides the loopback ones and the database */
    TurnFixture(String name, int postgresPort, List<String> duetOptions, String... coturnLines) {
        Path dir = Path.of("target", name);
        Dirs.clean(dir);
        postgres = new Postgres(dir.resolve("db"), postgresPort).start();
        coturn = new Coturn(dir.resolve("coturn"));
        List<String> options = new ArrayList<>(duetOptions);
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

    /** GET api/ice-servers: the TURN entry (urls, username, credential). */
    JsonObject turnServer() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.base().resolve("api/ice-servers")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("ice-servers answered " + response.statusCode() + ": " + response.body());
        }
        JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
        return body.getJsonArray("iceServers").getJsonObject(body.getJsonArray("iceServers").size() - 1);
    }

    int allocate(JsonObject turn) {
        return coturn.allocate(turn.getString("username"), turn.getString("credential"));
    }

    @Override
    public void close() {
        coturn.close();
        server.close();
        postgres.close();
    }
}
