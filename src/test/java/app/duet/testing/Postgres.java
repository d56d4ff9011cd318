package app.duet.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/** A private PostgreSQL cluster (src/test/sh/postgres) on a port of its own, started and stopped by tests. */
public final class Postgres implements AutoCloseable {

    public static final String DATABASE = "duet";
    public static final String USER = "duet";
    public static final String PASSWORD = "duet";

    private final Path dir;
    private final int port;

    public Postgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts an empty cluster: whatever an earlier run left in the directory is deleted first. */
    public Postgres startEmpty() {
        Dirs.clean(dir);
        return start();
    }

    public Postgres start() {
        run("start", dir.toString(), String.valueOf(port));
        return this;
    }

    public void stop() {
        run("stop", dir.toString());
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    /** The environment src/deploy/payara-micro/postgresql.asadmin reads. */
    public Map<String, String> environment() {
        return Map.of("DUET_DB_HOST", "127.0.0.1", "DUET_DB_PORT", String.valueOf(port), "DUET_DB_NAME", DATABASE,
                "DUET_DB_USER", USER, "DUET_DB_PASSWORD", PASSWORD);
    }

    /** Payara Micro options that point its default datasource at this database. */
    public java.util.List<String> payaraOptions() {
        return java.util.List.of("--postbootcommandfile", "src/deploy/payara-micro/postgresql.asadmin",
                "--addlibs", System.getProperty("postgresql.jar", "target/postgresql.jar"));
    }

    private static void run(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "src/test/sh/postgres";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("src/test/sh/postgres " + String.join(" ", args) + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
