package app.duet.testing;

import java.net.URI;
import java.net.URL;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the tests that talk to the WAR Arquillian deployed, from outside (the one place the
 * deployment and its addresses are written down). In the failsafe execution 'postgresql' the
 * private PostgreSQL is started first ({@link PostgresExtension}; it does nothing elsewhere).
 */
@ExtendWith({PostgresExtension.class, ArquillianExtension.class})
@RunAsClient
public abstract class DeployedDuet {

    /** The admin password the test containers are started with (src/test/resources/arquillian.xml). */
    public static final String ADMIN_PASSWORD = "correct-horse-battery";

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.duet();
    }

    @ArquillianResource
    protected URL deployed;

    protected URI base() {
        return Deployments.base(deployed);
    }

    protected URI signal(String room) {
        return Deployments.signal(deployed, room);
    }

    /** A room nobody else uses: {@code it-<uuid>}. */
    protected static String freshRoom() {
        return "it-" + UUID.randomUUID();
    }

    /** The signaling address of a fresh room. */
    protected URI room() {
        return signal(freshRoom());
    }

    protected Http anonymous() {
        return Http.anonymous(base());
    }

    protected Http admin() {
        return Http.as(base(), "admin", ADMIN_PASSWORD);
    }
}
