package app.duet.testing;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JWKS URL on loopback serving a key's public half at {@code /jwks.json}, counting the fetches;
 * {@code beforeAnswer} runs in each fetch before the answer (a test can hold the key server up there).
 */
public final class JwksServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();

    private JwksServer(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code key}'s public half on {@code port} (0: any free port). */
    public static JwksServer start(int port, JWK key, Runnable beforeAnswer) {
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        try {
            JwksServer jwks = new JwksServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0));
            jwks.server.createContext("/jwks.json", exchange -> {
                jwks.fetches.incrementAndGet();
                beforeAnswer.run();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            jwks.server.setExecutor(Executors.newCachedThreadPool());
            jwks.server.start();
            return jwks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JwksServer start(JWK key) {
        return start(0, key, () -> { });
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    public int fetches() {
        return fetches.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
