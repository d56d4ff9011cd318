package app.duet.testing;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Plain HTTP calls to the app, optionally with Basic credentials. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final URI base;
    private final String authorization;

    private Http(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    public static Http anonymous(URI base) {
        return new Http(base, null);
    }

    public static Http as(URI base, String user, String password) {
        return new Http(base, "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public HttpResponse<String> send(String method, String path, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            try {
                return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // a pooled connection the server has just closed as idle fails the request at once
                // (CI: "EOF reached while reading" on Payara Micro's HTTP/2); a GET is safe to send
                // again, on a new connection, and a server that is really away fails it again
                if (!method.equals("GET")) {
                    throw e;
                }
                return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    public HttpResponse<String> post(String path, String json) {
        return send("POST", path, json);
    }

    public HttpResponse<String> put(String path, String json) {
        return send("PUT", path, json);
    }

    public HttpResponse<String> delete(String path) {
        return send("DELETE", path, null);
    }

    /**
     * The names {@code api/admin/turn-users} lists with {@code kind} (null: its default), in its
     * order, every page of it (this client must be an admin).
     */
    public List<String> turnUserNames(String kind) {
        List<String> names = new ArrayList<>();
        for (int page = 0; ; page++) {
            HttpResponse<String> response = get("api/admin/turn-users?size=500&page=" + page + (kind == null ? "" : "&kind=" + kind));
            if (response.statusCode() != 200) {
                throw new AssertionError("api/admin/turn-users answered " + response.statusCode() + ": " + response.body());
            }
            JsonObject body = JsonText.object(response);
            body.getJsonArray("items").forEach(u -> names.add(u.asJsonObject().getString("name")));
            if (body.getJsonArray("items").isEmpty() || names.size() >= body.getJsonNumber("total").longValue()) {
                return names;
            }
        }
    }

    /** The room {@code id} as {@code api/admin/rooms} lists it now (this client must be an admin), if it is live. */
    public Optional<JsonObject> liveRoom(String id) {
        HttpResponse<String> rooms = get("api/admin/rooms");
        if (rooms.statusCode() != 200) {
            throw new AssertionError("api/admin/rooms answered " + rooms.statusCode() + ": " + rooms.body());
        }
        return JsonText.array(rooms).stream().map(JsonValue::asJsonObject)
                .filter(r -> r.getString("id").equals(id)).findFirst();
    }
}
