package app.duet.admin.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.platform.boundary.RestApplication;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialects;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The admin API's OpenAPI document, as the build wrote it (target/classes, next to
 * {@link OpenApiResource}): it names every admin resource method found by reflection, and nothing
 * else; it is a valid OpenAPI 3.1 document (the OpenAPI Initiative's schema, and swagger-parser);
 * and its examples fit their schemas.
 */
class OpenApiDocumentTest {

    static String text;
    static JsonNode document;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            assertNotNull(in, "the build writes the document (swagger-maven-plugin, process-classes)");
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        document = new ObjectMapper().readTree(text);
    }

    /** Every operation of the admin API: "GET /api/admin/calls/{id}" and so on, with the method found. */
    static Map<String, Method> adminOperations() throws IOException, URISyntaxException, ClassNotFoundException {
        String root = "/" + RestApplication.class.getAnnotation(ApplicationPath.class).value() + "/";
        java.nio.file.Path classes = java.nio.file.Path.of(RestApplication.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        Map<String, Method> operations = new TreeMap<>();
        List<String> names;
        try (Stream<java.nio.file.Path> files = Files.walk(classes.resolve("app/duet"))) {
            names = files.map(f -> classes.relativize(f).toString()).filter(f -> f.endsWith(".class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.')).toList();
        }
        for (String name : names) {
            Class<?> type = Class.forName(name, false, OpenApiDocumentTest.class.getClassLoader());
            Path path = type.getAnnotation(Path.class);
            if (path == null || !path.value().replaceAll("^/+", "").startsWith("admin/")) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                Path sub = method.getAnnotation(Path.class);
                String verb = httpMethod(method);
                assertFalse(verb == null && sub != null, method + " is a sub-resource locator: describe it in the document");
                if (verb != null) {
                    String full = (root + path.value() + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/")
                            .replaceAll("/$", "").replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
                    operations.put(verb + " " + full, method);
                }
            }
        }
        return operations;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    @Test
    void everyAdminResourceMethodIsInTheDocumentWithItsMethodPathAndParameters() throws Exception {
        Map<String, Method> operations = adminOperations();
        assertTrue(operations.containsKey("GET /api/admin/calls/{id}") && operations.containsKey("DELETE /api/admin/rooms/{room}")
                && operations.containsKey("GET /api/admin/openapi.json"), "the scan finds the admin resources: " + operations.keySet());
        for (Map.Entry<String, Method> entry : operations.entrySet()) {
            String[] verbAndPath = entry.getKey().split(" ");
            JsonNode operation = document.path("paths").path(verbAndPath[1]).path(verbAndPath[0].toLowerCase());
            assertTrue(operation.isObject(), entry.getKey() + " (" + entry.getValue() + ") is not in the document");
            assertFalse(operation.path("summary").asText("").isBlank(), entry.getKey() + " has a summary");
            assertTrue(operation.path("responses").has("401") && operation.path("responses").has("403"),
                    entry.getKey() + " says how it refuses callers");
            TreeSet<String> declared = new TreeSet<>();
            for (Parameter parameter : entry.getValue().getParameters()) {
                if (parameter.isAnnotationPresent(PathParam.class)) {
                    declared.add("path " + parameter.getAnnotation(PathParam.class).value());
                }
                if (parameter.isAnnotationPresent(QueryParam.class)) {
                    declared.add("query " + parameter.getAnnotation(QueryParam.class).value());
                }
            }
            Matcher template = Pattern.compile("\\{(\\w+)}").matcher(verbAndPath[1]);
            while (template.find()) {
                declared.add("path " + template.group(1));
            }
            TreeSet<String> described = new TreeSet<>();
            for (JsonNode parameter : operation.path("parameters")) {
                JsonNode resolved = resolve(parameter);
                described.add(resolved.path("in").asText() + " " + resolved.path("name").asText());
            }
            assertTrue(described.containsAll(declared), entry.getKey() + ": parameters " + declared + ", described " + described);
        }
        List<String> documented = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            path.getValue().fieldNames().forEachRemaining(verb -> documented.add(verb.toUpperCase() + " " + path.getKey()));
        }
        assertEquals(new TreeSet<>(operations.keySet()), new TreeSet<>(documented),
                "the document names the admin API's operations and nothing else (no public resource, none gone)");
    }

    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (ref.isEmpty()) {
            return node;
        }
        assertTrue(ref.startsWith("#/"), ref);
        JsonNode target = document.at(ref.substring(1));
        assertFalse(target.isMissingNode(), ref + " leads nowhere");
        return resolve(target);
    }

    @Test
    void theDocumentDescribesAuthenticationAndTheErrorBody() {
        assertEquals("3.1.0", document.path("openapi").asText());
        assertEquals("basic", document.at("/components/securitySchemes/basic/scheme").asText());
        assertTrue(document.path("security").get(0).has("basic"), "every operation needs the admin's credentials");
        assertEquals("Basic realm=\"Duet admin\"",
                document.at("/components/responses/unauthorized/headers/WWW-Authenticate/schema/enum/0").asText());
        assertTrue(document.at("/components/schemas/Problem/required").toString().contains("error"));
    }

    /** The OpenAPI Initiative's schema of 3.1 documents, whose Schema Objects are checked against the 3.1 dialect too. */
    @Test
    void theDocumentIsValidOpenApi31() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix("https://spec.openapis.org/oas/3.1/",
                        "classpath:spec.openapis.org/oas/3.1/")));
        Schema oas = registry.getSchema(SchemaLocation.of("https://spec.openapis.org/oas/3.1/schema-base/2022-10-07"));
        List<Error> errors = oas.validate(document);
        assertTrue(errors.isEmpty(), errors.toString());

        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text);
        assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(), String.valueOf(parsed.getMessages()));
        assertNotNull(parsed.getOpenAPI());
    }

    /** Every example in the document (of a schema, a parameter, a media type) fits the schema it illustrates. */
    @Test
    void everyExampleFitsItsSchema() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of("https://duet.test/openapi.json", text)));
        List<String> checked = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        examples(document, "", (pointer, example, schemaPointer) -> {
            Schema schema = registry.getSchema(SchemaLocation.of("https://duet.test/openapi.json#" + schemaPointer));
            List<Error> errors = schema.validate(example);
            checked.add(pointer);
            if (!errors.isEmpty()) {
                failures.add(pointer + ": " + errors);
            }
        });
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(checked.contains("/components/schemas/Call/example") && checked.size() > 15, "examples checked: " + checked);
    }

    interface ExampleVisitor {
        void visit(String pointer, JsonNode example, String schemaPointer);
    }

    /** Walks the document: an {@code example} beside a {@code schema} (parameter, media type) or inside one. */
    private static void examples(JsonNode node, String pointer, ExampleVisitor visitor) {
        if (!node.isContainerNode()) {
            return;
        }
        if (node.isObject()) {
            boolean isSchema = pointer.matches(".*/(schemas/[^/]+|properties/[^/]+|items|schema)");
            if (node.has("example") && isSchema) {
                visitor.visit(pointer + "/example", node.get("example"), pointer);
            } else if (node.has("example") && node.has("schema")) {
                visitor.visit(pointer + "/example", node.get("example"), pointer + "/schema");
            }
            for (Map.Entry<String, JsonNode> child : node.properties()) {
                if (!child.getKey().equals("example")) {
                    examples(child.getValue(), pointer + "/" + child.getKey().replace("~", "~0").replace("/", "~1"), visitor);
                }
            }
        } else {
            for (int i = 0; i < node.size(); i++) {
                examples(node.get(i), pointer + "/" + i, visitor);
            }
        }
    }
}
