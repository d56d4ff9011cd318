package app.duet.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For Arquillian tests that also run on PostgreSQL (the failsafe execution 'postgresql', which sets
 * duet.test.database=postgresql and points the container at it): starts the private cluster before
 * Arquillian deploys, and stops it when the whole test run ends (the cluster outlives each class,
 * as the server does). List it before ArquillianExtension. Does nothing otherwise.
 */
public final class PostgresExtension implements BeforeAllCallback {

    public static final int PORT = 55433;

    public static boolean active() {
        return "postgresql".equals(System.getProperty("duet.test.database"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (active()) {
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(Postgres.class, key -> {
                Postgres postgres = new Postgres(Path.of("target", "arquillian-postgres"), PORT).startEmpty();
                return (ExtensionContext.Store.CloseableResource) postgres::close;
            });
        }
    }
}
