package app.duet.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on the JDK's {@link HttpServer}, on loopback: it records every request and
 * answers as told ({@link Mode}). It checks signatures its own way (javax.crypto here, not Duet's
 * code), as a receiver would.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** ACCEPT answers 204; UNAVAILABLE 503; HANG holds the request until the mode changes (then 503). */
    public enum Mode { ACCEPT, UNAVAILABLE, HANG }

    /** One request: its headers of interest, its body, and the mode it came in (which decides the answer). */
    public record Request(String eventId, String type, String signature, String body, Mode answered, long receivedAt) {

        public JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        public String id() {
            return json().getString("id");
        }

        public String bodyType() {
            return json().getString("type");
        }

        /** The room the event is about (peer events name it, call events in their call). */
        public String room() {
            JsonObject json = json();
            return json.containsKey("call") ? json.getJsonObject("call").getString("room", null) : json.getString("room");
        }
    }

    private static final Pattern HEADER = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "webhook-receiver");
        t.setDaemon(true);
        return t;
    });
    private final List<Request> requests = new ArrayList<>();
    private Mode mode = Mode.ACCEPT;

    private WebhookReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/hooks", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static WebhookReceiver start() {
        try {
            return new WebhookReceiver(Ports.free());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    public synchronized void mode(Mode mode) {
        this.mode = mode;
        notifyAll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Mode answered;
            synchronized (this) {
                answered = mode;
                requests.add(new Request(exchange.getRequestHeaders().getFirst("Duet-Event-Id"),
                        exchange.getRequestHeaders().getFirst("Duet-Event"), exchange.getRequestHeaders().getFirst("Duet-Signature"),
                        body, answered, System.currentTimeMillis()));
                long until = System.currentTimeMillis() + 120_000;
                while (mode == Mode.HANG && System.currentTimeMillis() < until) {
                    try {
                        wait(1_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            // a held request is never accepted: its sender has given up on it by now
            exchange.sendResponseHeaders(answered == Mode.ACCEPT ? 204 : 503, -1);
        }
    }

    /** Every request so far (held ones too), in the order they came. */
    public synchronized List<Request> all() {
        return List.copyOf(requests);
    }

    /** The accepted requests about {@code room}, in order. */
    public synchronized List<Request> accepted(String room) {
        List<Request> found = new ArrayList<>();
        for (Request r : requests) {
            if (r.answered() == Mode.ACCEPT && room.equals(r.room())) {
                found.add(r);
            }
        }
        return found;
    }

    /** Waits until {@code count} requests about {@code room} were accepted; returns them in order. */
    public List<Request> awaitAccepted(String room, int count) {
        return Await.value(count + " webhook events about " + room + " accepted by " + url(), Await.DEFAULT, () -> {
            List<Request> found = accepted(room);
            return found.size() >= count ? Optional.of(found) : Optional.empty();
        });
    }

    /**
     * Why {@code request} would be refused by a receiver holding {@code secret} at {@code nowMillis}
     * (a bad or stale signature: more than 5 minutes off), or null when it is good.
     */
    public static String refusal(Request request, String secret, long nowMillis) {
        if (request.signature() == null) {
            return "no Duet-Signature header";
        }
        Matcher m = HEADER.matcher(request.signature());
        if (!m.matches()) {
            return "malformed Duet-Signature: " + request.signature();
        }
        long t = Long.parseLong(m.group(1));
        if (Math.abs(nowMillis / 1000 - t) > 300) {
            return "stale timestamp " + t;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((t + "." + request.body()).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(m.group(2))) ? null : "signature does not match";
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        mode(Mode.ACCEPT);
        server.stop(0);
        threads.shutdownNow();
    }
}
