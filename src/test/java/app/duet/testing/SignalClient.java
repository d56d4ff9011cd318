package app.duet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A signaling peer on the JDK's WebSocket client, recording what the server sends. Unless told
 * otherwise each socket says it comes from an address of its own ({@code X-Forwarded-For} from
 * 198.18.0.0/15, the benchmarking block), as sockets of different people do: a server that trusts
 * 127.0.0.1 as a proxy (the Arquillian ones) then counts each against its own per-address limits,
 * and one that does not ignores the header.
 */
public final class SignalClient implements WebSocket.Listener, AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicLong ADDRESSES = new AtomicLong(new java.util.Random().nextInt(1 << 16));

    private final BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason;
    private final StringBuilder partial = new StringBuilder();
    private final AtomicLong streamed = new AtomicLong();
    private WebSocket socket;

    private SignalClient() {
    }

    public static SignalClient connect(URI uri) {
        return connect(uri, Map.of());
    }

    public static SignalClient connect(URI uri, String origin) {
        return origin == null ? connect(uri, Map.of()) : connect(uri, Map.of("Origin", origin));
    }

    /**
     * Connects with these request headers; without an {@code X-Forwarded-For} among them, with one
     * of an address of its own (see above). A refused handshake throws a
     * {@code CompletionException} caused by a {@link java.net.http.WebSocketHandshakeException}.
     */
    public static SignalClient connect(URI uri, Map<String, String> headers) {
        SignalClient client = new SignalClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        if (!headers.containsKey("X-Forwarded-For")) {
            builder.header("X-Forwarded-For", ownAddress());
        }
        client.socket = builder.buildAsync(uri, client).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return client;
    }

    /** An address of 198.18.0.0/15 no other socket of this run says it comes from. */
    public static String ownAddress() {
        long n = ADDRESSES.incrementAndGet() % (1 << 17);
        return "198." + (18 + (n >> 16)) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    /** Connects and joins; returns the client with its {@code joined} message consumed. */
    public static SignalClient join(URI uri, String name) {
        SignalClient client = connect(uri);
        client.send(name == null ? "{\"type\":\"join\"}" : Json.createObjectBuilder()
                .add("type", "join").add("name", name).build().toString());
        client.joined = client.next("joined");
        return client;
    }

    /** Connects and joins with a join token; returns the client with its {@code joined} message consumed. */
    public static SignalClient join(URI uri, String name, String token) {
        SignalClient client = connect(uri);
        var join = Json.createObjectBuilder().add("type", "join").add("token", token);
        if (name != null) {
            join.add("name", name);
        }
        client.send(join.build());
        client.joined = client.next("joined");
        return client;
    }

    private JsonObject joined;

    /** The {@code joined} message this client received when it joined through {@link #join}. */
    public JsonObject joined() {
        return joined;
    }

    /** The join that resumes this client's slot, counting what it received as the protocol says. */
    public JsonObject resumeJoin() {
        return Json.createObjectBuilder().add("type", "join")
                .add("resume", joined.getString("resume")).add("received", streamed.get()).build();
    }

    public void send(String text) {
        socket.sendText(text, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public void send(JsonObject message) {
        send(message.toString());
    }

    /** Sends one binary frame (the protocol is text only). */
    /** One frame of a text message sent in parts; {@code last} ends the message. */
    public void sendPart(String text, boolean last) {
        socket.sendText(text, last).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public void sendBinary(byte[] payload) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(payload), true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** The next message, failing after {@link #WAIT}. */
    public JsonObject next() {
        try {
            JsonObject message = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                fail("No message within " + WAIT + (closed.isDone() ? "; the socket was closed: "
                        + closed.handle((code, error) -> code != null ? "code " + code : String.valueOf(error)).join() : ""));
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message, which must be of the given type. */
    public JsonObject next(String type) {
        JsonObject message = next();
        assertEquals(type, message.getString("type"), () -> "unexpected message " + message);
        return message;
    }

    /** The next message, which must be an error with the given code. */
    public JsonObject error(String code) {
        JsonObject message = next("error");
        assertEquals(code, message.getString("code"), () -> "unexpected error " + message);
        return message;
    }

    /** Fails if any message arrives within {@code quiet}. */
    public void expectNothing(Duration quiet) {
        try {
            assertNull(inbox.poll(quiet.toMillis(), TimeUnit.MILLISECONDS), "expected no message");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every message that arrives until none has for {@code quiet}. */
    public List<JsonObject> drain(Duration quiet) {
        List<JsonObject> messages = new ArrayList<>();
        try {
            for (JsonObject m; (m = inbox.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null; ) {
                messages.add(m);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return messages;
    }

    /**
     * Every message that arrives until none has for {@code quiet}, failing if one of them is a
     * {@code peer-left} (the other side must not have been told this peer, or the other, is gone).
     */
    public List<JsonObject> drainWithoutPeerLeft(Duration quiet) {
        List<JsonObject> messages = drain(quiet);
        assertFalse(messages.stream().anyMatch(m -> "peer-left".equals(m.getString("type"))), () -> "unexpected peer-left in " + messages);
        return messages;
    }

    /** The close code the server sent, failing after {@link #WAIT}. */
    public int awaitClose() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** The reason the server gave with its close frame, once {@link #awaitClose} returned. */
    public String closeReason() {
        return closeReason;
    }

    public boolean isClosed() {
        return closed.isDone() || socket.isInputClosed();
    }

    /** Drops the TCP connection without a closing handshake (a network blip). */
    public void drop() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonObject message = Json.createReader(new StringReader(partial.toString())).readObject();
            if (!Set.of("joined", "error", "pong").contains(message.getString("type"))) {
                streamed.incrementAndGet();
            }
            inbox.add(message);
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }
}
