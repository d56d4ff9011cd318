package app.duet.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import app.duet.testing.DeployedDuet;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the REST API shows anonymous callers about itself: nothing beyond the public resources (issue 13, item 9). */
class ApiSurfaceIT extends DeployedDuet {

    @Test
    void noGeneratedApiDescriptionListsTheAdminResources() {
        for (String path : List.of("api/application.wadl", "api/application.wadl?detail=true", "api/health?_wadl",
                "api/ice-servers?_wadl", "api/?_wadl", "api/openapi", "api/openapi.json")) {
            HttpResponse<String> response = anonymous().get(path);
            String type = response.headers().firstValue("Content-Type").orElse("");
            assertFalse(type.contains("wadl") || response.body().contains("admin/turn-users")
                    || response.body().contains("admin/calls"), path + " answered " + response.statusCode() + " " + type
                    + ": " + response.body().substring(0, Math.min(300, response.body().length())));
        }
        assertEquals(200, anonymous().get("api/health").statusCode(), "the public resources still answer");
    }
}
