package app.duet.platform.boundary;

import app.duet.platform.entity.Refusal;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reading request bodies and parameters: a wrong or missing field is a {@link Refusal} naming it. */
public final class Body {

    private Body() {
    }

    public static JsonObject required(JsonObject body) {
        if (body == null) {
            throw Refusal.invalid("body", "A JSON object body is required.");
        }
        return body;
    }

    public static String string(JsonObject body, String field, boolean required) {
        JsonValue value = required(body).get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            if (required) {
                throw Refusal.invalid(field, "\"" + field + "\" is required.");
            }
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw Refusal.invalid(field, "\"" + field + "\" must be a string.");
        }
        return body.getString(field);
    }

    /** An ISO-8601 instant ({@code 2030-01-01T00:00:00Z}) as UTC date-time, or null. */
    /**
     * A query parameter as the request's URI gives it, null when absent or blank. Resources read
     * them this way rather than with {@code @QueryParam} fields: TomEE (CXF on an OpenWebBeans
     * proxy) leaves those null on a CDI-scoped resource.
     */
    public static String query(UriInfo uri, String name) {
        String value = uri.getQueryParameters().getFirst(name);
        return value == null || value.isBlank() ? null : value;
    }

    public static LocalDateTime utc(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.ofInstant(Instant.parse(text), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw Refusal.invalid(field, "\"" + field + "\" must be an ISO-8601 instant such as 2030-01-01T00:00:00Z.");
        }
    }

    /** Adds a string field, or JSON null. */
    public static JsonObjectBuilder put(JsonObjectBuilder json, String field, String value) {
        return value == null ? json.addNull(field) : json.add(field, value);
    }

    public static String iso(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC).toString();
    }

    public static int number(String field, String text, int fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // refused below
        }
        throw Refusal.invalid(field, "\"" + field + "\" must be a whole number from " + min + " to " + max + ".");
    }
}
