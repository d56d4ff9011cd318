package app.duet.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For Arquillian tests that also run on PostgreSQL (the failsafe execution 'postgresql', which sets
 * duet.test.database=postgresql and points the container at it): starts the private cluster before
 * Arquillian starts Payara Micro. List it before ArquillianExtension. Does nothing otherwise.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {

    public static final int PORT = 55433;
    private static Postgres postgres;

    public static boolean active() {
        return "postgresql".equals(System.getProperty("duet.test.database"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (active() && postgres == null) {
            postgres = new Postgres(Path.of("target", "arquillian-postgres"), PORT).startEmpty();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // the cluster outlives the class: Arquillian stops Payara Micro after the last class
    }
}
