package app.duet.testing;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;

/** Reading JSON text in the tests. */
public final class JsonText {

    private JsonText() {
    }

    public static JsonValue value(String text) {
        try (JsonReader reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    public static JsonObject object(String text) {
        return value(text).asJsonObject();
    }

    public static JsonArray array(String text) {
        return value(text).asJsonArray();
    }

    public static JsonObject object(HttpResponse<String> response) {
        return object(response.body());
    }

    public static JsonArray array(HttpResponse<String> response) {
        return array(response.body());
    }
}
