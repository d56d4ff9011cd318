package app.duet.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Await;
import app.duet.testing.Deployments;
import app.duet.testing.DeployedDuet;
import app.duet.testing.Http;
import app.duet.testing.JsonText;
import app.duet.testing.PostgresExtension;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Account names match whatever their case, or not at all, the same on every database (issue 13):
 * H2 on Payara and WildFly, HSQLDB on TomEE, PostgreSQL in the failsafe execution 'postgresql'.
 * {@link ViewerAccounts} stores {@code Cased-Admin}; it logs in under any spelling, and failures
 * under different spellings count against the one name.
 */
@ExtendWith({PostgresExtension.class, ArquillianExtension.class})
@RunAsClient
class AccountNamesIT {

    private static final String PASSWORD = ViewerAccounts.GUESSED_ADMIN_PASSWORD;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.duet().addClass(ViewerAccounts.class);
    }

    @ArquillianResource
    URL deployed;

    private HttpResponse<String> rooms(String name, String password) {
        URI base = Deployments.base(deployed);
        return Http.as(base, name, password).get("api/admin/rooms");
    }

    /**
     * Failures first: a name and password that passed lately are let in without the throttle
     * ({@code VerifiedLogins}), so the lock is checked before the right password ever passed.
     */
    @Test
    void namesMatchWhateverTheirCaseAndShareOneThrottle() {
        for (String name : List.of("Cased-Admin", "cased-admin", "CASED-admin", "cased-ADMIN", "CaSeD-aDmIn")) {
            assertEquals(401, rooms(name, "not-the-password").statusCode(), name);
        }
        assertEquals(401, rooms("cased-admin", PASSWORD).statusCode(), "five failures under five spellings lock the one name");
        HttpResponse<String> logins = Http.as(Deployments.base(deployed), "admin", DeployedDuet.ADMIN_PASSWORD).get("api/admin/logins");
        assertEquals(200, logins.statusCode(), logins.body());
        assertTrue(JsonText.object(logins).getInt("lockedNames") >= 1, logins.body());
        Await.until("the 1 s lock to run out", () -> rooms("CASED-ADMIN", PASSWORD).statusCode() == 200);
        for (String name : List.of("cased-admin", "CASED-ADMIN", ViewerAccounts.CASED_ADMIN)) {
            assertEquals(200, rooms(name, PASSWORD).statusCode(), name);
        }
        assertEquals(200, rooms("ADMIN", DeployedDuet.ADMIN_PASSWORD).statusCode());
        assertEquals(403, rooms("VIEWER", ViewerAccounts.PASSWORD).statusCode(), "a viewer in capitals is a viewer");
    }
}
