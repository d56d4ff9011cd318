package app.duet.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * A fresh in-memory H2 database taken through db/'s migrations up to a version at a time, so a
 * test can put rows in as an older Duet wrote them and see what a later migration makes of them.
 */
public final class SchemaSteps {

    private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    /** Applies the migrations up to and including {@code version} (e.g. "5.1"). */
    public SchemaSteps migrateTo(String version) {
        Flyway.configure().dataSource(url, "sa", "").locations("filesystem:db").target(version).load().migrate();
        return this;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }
}
