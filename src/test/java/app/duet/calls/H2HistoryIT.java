package app.duet.calls;

import app.duet.testing.Dirs;
import app.duet.testing.MicroServer;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Call history on Payara Micro's default datasource: its embedded H2, kept in the root directory. */
class H2HistoryIT extends HistoryScenarios {

    static MicroServer server;

    @BeforeAll
    static void start() throws IOException {
        Path root = Path.of("target", "history-h2", "payara");
        Dirs.clean(root.getParent());
        server = new MicroServer(root, OPTIONS, Map.of()).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    MicroServer server() {
        return server;
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection(server.h2Url(), "", "");
    }
}
