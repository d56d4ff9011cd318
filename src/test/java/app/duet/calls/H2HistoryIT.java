package app.duet.calls;

import app.duet.testing.Dirs;
import app.duet.testing.MicroServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Call history on Payara Micro's default datasource: its embedded H2, kept in the root directory. */
class H2HistoryIT extends HistoryScenarios {

    static MicroServer server;

    @BeforeAll
    static void start() {
        Path root = Path.of("target", "history-h2", "payara");
        Dirs.clean(root.getParent());
        server = new MicroServer(root, OPTIONS, ENVIRONMENT).start();
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

    /**
     * H2 writes committed rows to disk with a delay (WRITE_DELAY, the store's auto-commit, up to
     * ~1 s): a kill -9 inside it can lose them. CHECKPOINT, run in the server's database (the test
     * reaches it through AUTO_SERVER), writes them now.
     */
    @Override
    void makeDurable() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }
}
