package app.duet.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.admin.boundary.OpenApiResource;
import app.duet.testing.DeployedDuet;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the REST API shows about itself: nothing beyond the public resources to anonymous callers
 * (issue 13, item 9), not even through the server's own MicroProfile OpenAPI at {@code /openapi}
 * (Payara Micro); the admin API's OpenAPI document to admins only (issue 18).
 */
class ApiSurfaceIT extends DeployedDuet {

    @Test
    void noGeneratedApiDescriptionListsTheAdminResources() {
        for (String path : List.of("api/application.wadl", "api/application.wadl?detail=true", "api/health?_wadl",
                "api/ice-servers?_wadl", "api/?_wadl", "api/openapi", "api/openapi.json", "/openapi", "/openapi?format=json")) {
            HttpResponse<String> response = anonymous().get(path);
            String type = response.headers().firstValue("Content-Type").orElse("");
            assertFalse(type.contains("wadl") || response.body().contains("admin/turn-users")
                    || response.body().contains("admin/calls"), path + " answered " + response.statusCode() + " " + type
                    + ": " + response.body().substring(0, Math.min(300, response.body().length())));
        }
        assertEquals(200, anonymous().get("api/health").statusCode(), "the public resources still answer");
    }

    /** The document the build wrote, and OpenApiDocumentTest checked, is what admins get; nobody else. */
    @Test
    void theAdminApiDocumentIsServedToAdminsOnly() throws IOException {
        HttpResponse<String> none = anonymous().get("api/admin/openapi.json");
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertTrue(none.body().contains("\"unauthorized\""), none.body());

        HttpResponse<String> document = admin().get("api/admin/openapi.json");
        assertEquals(200, document.statusCode(), document.body());
        assertTrue(document.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        try (InputStream built = OpenApiResource.class.getResourceAsStream("openapi.json")) {
            assertNotNull(built);
            assertEquals(new String(built.readAllBytes(), StandardCharsets.UTF_8), document.body());
        }
    }
}
