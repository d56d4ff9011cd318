package app.duet.platform.boundary;

import app.duet.platform.entity.Refusal;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;

/**
 * Request bodies that a resource takes as a {@link JsonObject}, read the same way on every server:
 * exactly one JSON object and nothing after it, at most {@value #LIMIT} bytes; anything else
 * ({@code []}, {@code "x"}, {@code 42}, {@code null}, broken JSON) is a {@link Refusal} of the
 * field {@code body} (400), never a server's own error. An empty body is null, as before.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonObjectReader implements MessageBodyReader<JsonObject> {

    static final int LIMIT = 1 << 20;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(Class<JsonObject> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                               MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        byte[] bytes = entity.readNBytes(LIMIT + 1);
        if (bytes.length > LIMIT) {
            throw Refusal.invalid("body", "The request body is over " + LIMIT + " bytes.");
        }
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        try (JsonParser parser = Json.createParser(new ByteArrayInputStream(bytes))) {
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                throw Refusal.invalid("body", "The request body must be a JSON object.");
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw Refusal.invalid("body", "The request body must be one JSON object and nothing after it.");
            }
            return object;
        } catch (JsonException | NoSuchElementException | IllegalStateException e) {
            throw Refusal.invalid("body", "The request body is not valid JSON.");
        }
    }
}
