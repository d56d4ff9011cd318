package app.duet.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Deployments;
import app.duet.testing.JsonText;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The admin API's edges (issue 13, item 9): HTTPS only unless the client is on the machine itself,
 * and every error a JSON problem {@code {"error","field"?,"message"}}, never HTML, never an
 * exception's name. The test server trusts 127.0.0.1 as a proxy, so {@code X-Forwarded-For}
 * speaks as another client. Portable: HTTP only.
 */
class AdminEdgesIT extends AdminApiClient {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.duet().addClass(ViewerAccounts.class);
    }

    private Requests asAdmin() {
        return Requests.to(base()).basic("admin", ADMIN_PASSWORD);
    }

    /** A JSON problem with this status and error, nothing of the server's insides. */
    static JsonObject problem(HttpResponse<String> response, int status, String error) {
        String what = response.request().method() + " " + response.uri() + " -> " + response.statusCode() + " "
                + response.headers().firstValue("Content-Type").orElse("?") + ": " + response.body();
        assertEquals(status, response.statusCode(), what);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), what);
        JsonObject problem;
        try {
            problem = JsonText.object(response);
        } catch (RuntimeException e) {
            throw new AssertionError("not a JSON object: " + what, e);
        }
        if (error != null) {
            assertEquals(error, problem.getString("error", null), what);
        }
        assertFalse(problem.getString("message", "").isBlank(), what);
        assertFalse(response.body().contains("Exception") || response.body().contains("at app.duet")
                || response.body().contains("at org."), what);
        return problem;
    }

    @Test
    void plainHttpFromAnotherAddressIsRefusedWhateverTheCredentials() {
        String remote = "203.0.113.7";
        problem(asAdmin().from(remote, "http").get("api/admin/rooms"), 403, "https-required");
        problem(Requests.to(base()).from(remote, "http").get("api/admin/rooms"), 403, "https-required");
        problem(Requests.to(base()).basic("admin", "wrong").from(remote, "http").get("api/admin/rooms"), 403, "https-required");
        assertEquals(200, asAdmin().from(remote, "https").get("api/admin/rooms").statusCode(), "a trusted proxy that says https");
        assertEquals(200, asAdmin().get("api/admin/rooms").statusCode(), "plain HTTP from the machine itself");
        problem(asAdmin().header("X-Forwarded-Proto", "http").get("api/admin/rooms"), 403, "https-required");
        assertEquals(200, Requests.to(base()).from(remote, "http").get("api/health").statusCode(), "public paths stay on HTTP");
    }

    @Test
    void authenticationErrorsAreJson() {
        HttpResponse<String> anonymous = Requests.to(base()).get("api/admin/rooms");
        problem(anonymous, 401, "unauthorized");
        assertEquals("Basic realm=\"Duet admin\"", anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
        problem(Requests.to(base()).basic("admin", "wrong").get("api/admin/turn-users"), 401, "unauthorized");
        problem(Requests.to(base()).header("Authorization", "Basic !!not-base64").get("api/admin/rooms"), 401, "unauthorized");
        problem(Requests.to(base()).header("Authorization", "Bearer abc").get("api/admin/calls"), 401, "unauthorized");
        problem(Requests.to(base()).basic("viewer", ViewerAccounts.PASSWORD).get("api/admin/rooms"), 403, "forbidden");
        problem(Requests.to(base()).basic("viewer", ViewerAccounts.PASSWORD).send("POST", "api/admin/turn-secrets", "{}"),
                403, "forbidden");
    }

    @Test
    void httpErrorsOfTheAdminApiAreJson() {
        Requests admin = asAdmin();
        problem(admin.get("api/admin/no-such-thing"), 404, null);
        problem(admin.get("api/admin/turn-users/" + unique("nobody")), 404, "not-found");
        problem(admin.send("PUT", "api/admin/rooms", "{}"), 405, null);
        problem(admin.send("PATCH", "api/admin/turn-secrets", null), 405, null);
        problem(Requests.to(base()).basic("admin", ADMIN_PASSWORD).header("Content-Type", "text/plain")
                .send("POST", "api/admin/turn-users", "name=x"), 415, null);
        problem(Requests.to(base()).basic("admin", ADMIN_PASSWORD).header("Content-Type", "application/xml")
                .send("POST", "api/admin/turn-secrets", "<x/>"), 415, null);
    }

    @Test
    void bodiesOfTheWrongShapeAre400NotServerErrors() {
        Requests json = asAdmin().header("Content-Type", "application/json");
        for (String body : List.of("[]", "\"x\"", "42", "null", "true", "{not json", "{\"a\":1} trailing")) {
            problem(json.send("POST", "api/admin/turn-users", body), 400, "invalid");
            problem(json.send("POST", "api/admin/turn-secrets", body), 400, "invalid");
            problem(json.send("PUT", "api/admin/turn-users/x/password", body), 400, "invalid");
        }
        String name = unique("noted");
        String note = "n".repeat(256);
        JsonObject tooLong = problem(json.send("POST", "api/admin/turn-users",
                "{\"name\":\"" + name + "\",\"password\":\"pw\",\"note\":\"" + note + "\"}"), 400, "invalid");
        assertEquals("note", tooLong.getString("field", ""), tooLong.toString());
        problem(json.send("POST", "api/admin/turn-secrets", "{\"value\":\"" + "v".repeat(5000) + "\"}"), 400, "invalid");
        assertEquals(404, asAdmin().get("api/admin/turn-users/" + name).statusCode(), "nothing half-made");
        HttpResponse<String> fits = json.send("POST", "api/admin/turn-users",
                "{\"name\":\"" + name + "\",\"password\":\"pw\",\"note\":\"" + "n".repeat(255) + "\"}");
        assertEquals(201, fits.statusCode(), fits.body());
        assertEquals(204, asAdmin().send("DELETE", "api/admin/turn-users/" + name, null).statusCode());
    }
}
