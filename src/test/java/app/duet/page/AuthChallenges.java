package app.duet.page;

import app.duet.testing.Browser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches one Chromium page for the moments it would ask the user for a password itself (its
 * HTTP Basic dialog), over a CDP connection of its own: {@code Fetch.enable} with
 * {@code handleAuthRequests} turns each such moment into a {@code Fetch.authRequired} event, which
 * is recorded and answered with "cancel" (as a user closing the dialog). Requests under
 * {@code api/admin/} pause on their way out ({@code Fetch.requestPaused}) and are let go at once.
 * Selenium's own DevTools support needs a jar for each Chromium version, hence the raw socket.
 */
final class AuthChallenges implements AutoCloseable {

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final List<String> challenged = new CopyOnWriteArrayList<>();

    AuthChallenges(Browser browser) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String list = client.send(HttpRequest.newBuilder(URI.create("http://" + browser.devToolsAddress() + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String page = Json.createReader(new StringReader(list)).readArray().stream().map(JsonValue::asJsonObject)
                .filter(t -> t.getString("type").equals("page")).findFirst().orElseThrow()
                .getString("webSocketDebuggerUrl");
        socket = client.newWebSocketBuilder().buildAsync(URI.create(page), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    handle(Json.createReader(new StringReader(text.toString())).readObject());
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        send("Fetch.enable", "{\"handleAuthRequests\":true,\"patterns\":[{\"urlPattern\":\"*/api/admin/*\"}]}");
    }

    private void handle(JsonObject message) {
        String method = message.getString("method", "");
        JsonObject params = message.getJsonObject("params");
        if (method.equals("Fetch.requestPaused")) {
            send("Fetch.continueRequest", "{\"requestId\":\"" + params.getString("requestId") + "\"}");
        } else if (method.equals("Fetch.authRequired")) {
            challenged.add(params.getJsonObject("request").getString("url"));
            send("Fetch.continueWithAuth", "{\"requestId\":\"" + params.getString("requestId")
                    + "\",\"authChallengeResponse\":{\"response\":\"CancelAuth\"}}");
        }
    }

    private synchronized void send(String method, String params) {
        socket.sendText("{\"id\":" + ids.incrementAndGet() + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true).join();
    }

    /** The addresses for which the browser would have asked for a password, so far. */
    List<String> challenged() {
        return List.copyOf(challenged);
    }

    @Override
    public void close() {
        send("Fetch.disable", "{}");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }
}
