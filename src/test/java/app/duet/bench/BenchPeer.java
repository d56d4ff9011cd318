package app.duet.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One load-generator peer on a JDK WebSocket: joins a room, sends frames one at a time (the JDK
 * client refuses overlapping sends, so later ones wait in a queue) and hands each relayed
 * {@code message} frame to a callback. Pings from the server are answered by the JDK client.
 */
final class BenchPeer implements WebSocket.Listener {

    static final AtomicLong ERRORS = new AtomicLong();
    /** The last error frame a peer got, printed with the count so that a run's errors say what they were. */
    static final java.util.concurrent.atomic.AtomicReference<String> LAST_ERROR = new java.util.concurrent.atomic.AtomicReference<>();
    /** Pings received from the server (each answered with a pong by the JDK client). */
    static final AtomicLong PINGS = new AtomicLong();

    private final StringBuilder partial = new StringBuilder();
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private final Consumer<String> onMessage;
    private final CompletableFuture<BenchPeer> joined = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;
    private boolean sending;

    private BenchPeer(Consumer<String> onMessage) {
        this.onMessage = onMessage;
    }

    /** Connects and joins; completes once the server answered {@code joined}. */
    static CompletableFuture<BenchPeer> join(HttpClient http, URI room, String name, Consumer<String> onMessage) {
        BenchPeer peer = new BenchPeer(onMessage);
        return http.newWebSocketBuilder().buildAsync(room, peer).thenCompose(ws -> {
            peer.socket = ws;
            peer.send("{\"type\":\"join\",\"name\":\"" + name + "\"}");
            return peer.joined;
        });
    }

    void send(String text) {
        synchronized (this) {
            if (sending) {
                outbox.add(text);
                return;
            }
            sending = true;
        }
        socket.sendText(text, true).whenComplete((ws, error) -> sent(error));
    }

    private void sent(Throwable error) {
        String next;
        synchronized (this) {
            next = error == null ? outbox.poll() : null;
            if (next == null) {
                sending = false;
                return;
            }
        }
        socket.sendText(next, true).whenComplete((ws, e) -> sent(e));
    }

    boolean isOpen() {
        return !closed.isDone() && !socket.isInputClosed();
    }

    void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            if (text.startsWith("{\"type\":\"message\"")) {
                onMessage.accept(text);
            } else if (text.startsWith("{\"type\":\"joined\"")) {
                joined.complete(this);
            } else if (text.startsWith("{\"type\":\"error\"")) {
                ERRORS.incrementAndGet();
                LAST_ERROR.set(text.length() > 200 ? text.substring(0, 200) : text);
                joined.completeExceptionally(new IllegalStateException(text));
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
        PINGS.incrementAndGet();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        joined.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
        joined.completeExceptionally(error);
    }
}
