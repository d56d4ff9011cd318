package app.duet.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Requests with headers of the test's choosing (Content-Type, X-Forwarded-*, a raw Authorization),
 * one at a time or many at once, for the admin API's edges.
 */
final class Requests {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final URI base;
    private final List<String> headers = new ArrayList<>();

    private Requests(URI base) {
        this.base = base;
    }

    static Requests to(URI base) {
        return new Requests(base);
    }

    Requests header(String name, String value) {
        headers.add(name);
        headers.add(value);
        return this;
    }

    Requests basic(String name, String password) {
        return header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** As a client at {@code address} behind the test server's trusted proxy (127.0.0.1), over {@code scheme}. */
    Requests from(String address, String scheme) {
        return header("X-Forwarded-For", address).header("X-Forwarded-Proto", scheme);
    }

    HttpResponse<String> send(String method, String path, String body) {
        try {
            return sendAsync(method, path, body).join();
        } catch (RuntimeException e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    CompletableFuture<HttpResponse<String>> sendAsync(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        return CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code count} GETs of {@code path} sent at once (no one waits for another), their answers in order. */
    List<HttpResponse<String>> burst(String path, int count) {
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(sendAsync("GET", path, null));
        }
        return sent.stream().map(CompletableFuture::join).toList();
    }

}
