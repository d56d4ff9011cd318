package app.duet.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import app.duet.testing.Await;
import app.duet.testing.DeployedDuet;
import app.duet.testing.Deployments;
import app.duet.testing.Http;
import app.duet.testing.JsonText;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the admin API tests share: the deployed app's addresses and callers, and reading problems
 * and call pages. AdminApiIT's deployment adds {@link ViewerAccounts}, so it cannot take
 * DeployedDuet's; the rest is the same scaffolding.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class AdminApiClient {

    static final String ADMIN_PASSWORD = DeployedDuet.ADMIN_PASSWORD;

    @ArquillianResource
    URL deployed;

    URI base() {
        return Deployments.base(deployed);
    }

    URI signal(String room) {
        return Deployments.signal(deployed, room);
    }

    Http admin() {
        return Http.as(base(), "admin", ADMIN_PASSWORD);
    }

    Http as(String name, String password) {
        return Http.as(base(), name, password);
    }

    static String unique(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject problem = JsonText.object(response);
        if (field != null) {
            assertEquals(field, problem.getString("field"), response.body());
        }
        assertFalse(problem.getString("message").isBlank());
    }

    JsonObject getObject(String path) {
        HttpResponse<String> response = admin().get(path);
        assertEquals(200, response.statusCode(), () -> path + ": " + response.body());
        return JsonText.object(response);
    }

    /** The page at {@code path} once it holds {@code count} calls, all ended. */
    JsonObject awaitCalls(String path, int count) {
        return Await.value(count + " ended calls at " + path, Await.DEFAULT, () -> {
            JsonObject page = getObject(path);
            // the items and the total are two queries: a call recorded between them shows in the total only
            return page.getInt("total") == count && page.getJsonArray("items").size() == Math.min(count, page.getInt("size"))
                    && page.getJsonArray("items").stream().noneMatch(c -> c.asJsonObject().isNull("endedAt"))
                    ? Optional.of(page) : Optional.empty();
        });
    }
}
