package app.duet.admin.boundary;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * {@code GET /api/admin/openapi.json}: the admin API's OpenAPI 3.1 document, written at build time
 * next to this class (swagger-maven-plugin, pom.xml) and served as it is, to admins only (web.xml),
 * the same way on every server: no server's own OpenAPI feature is involved.
 * <p>
 * How the admin resources describe themselves: each method has an {@code @Operation} (a method
 * without one is left out of the document, and OpenApiDocumentTest fails); bodies are named by
 * schema ({@code @Schema(ref = "Call")}), and the schemas, shared parameters and error responses
 * are in src/main/openapi/admin-api.yaml. The resources return {@link jakarta.ws.rs.core.Response}
 * and hide their {@code JsonObject} body parameter: the generator would otherwise add schemas of
 * jakarta.json's own types, which say nothing about the bodies. The annotations are not in the WAR
 * (provided scope): at run time they are absent, and Java ignores annotations whose class is missing.
 */
@Path("admin/openapi.json")
@Tag(name = "document")
@ApiResponse(responseCode = "401", ref = "unauthorized")
@ApiResponse(responseCode = "403", ref = "forbidden")
public class OpenApiResource {

    static final String DOCUMENT = "openapi.json";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getDocument", summary = "This document", description = "The admin API's OpenAPI 3.1 document.",
            responses = @ApiResponse(responseCode = "200", description = "The document.",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON)))
    public InputStream document() {
        InputStream document = OpenApiResource.class.getResourceAsStream(DOCUMENT);
        if (document == null) { // a build that skipped the plugin
            throw new NotFoundException();
        }
        return document;
    }
}
