package app.duet.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import app.duet.monitoring.Scrape;
import app.duet.testing.Await;
import app.duet.testing.DeployedDuet;
import app.duet.testing.JsonText;
import app.duet.testing.SignalClient;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The limits per client address (issue 13, item 4 and the join rate of item 7) and the origin's
 * scheme (item 9), on the deployed WAR with its default limits. The test servers trust 127.0.0.1
 * as a proxy, so each test speaks as addresses of its own through {@code X-Forwarded-For}.
 * Before the limits one client opened 3,000 sockets, unjoined sockets lived for ever, and join/
 * leave loops wrote call history as fast as they could send.
 */
class ClientLimitsIT extends DeployedDuet {

    /** The defaults (README, Configuration). */
    private static final int MAX_SOCKETS = 200;
    private static final int SOCKET_BURST = 200;
    private static final double SOCKETS_PER_SECOND = 10;
    private static final int JOIN_BURST = 200;
    private static final double JOINS_PER_SECOND = 2;
    /**
     * 30 s by default; the wildfly and tomee profiles give their servers (arquillian.xml) and this
     * test 10 s instead (duet.test.join.deadline.seconds), so that the wait is not sat out on three
     * servers: the setting is read by the same code everywhere, and Payara Micro checks the default.
     */
    private static final Duration JOIN_DEADLINE = Duration.ofSeconds(Long.getLong("duet.test.join.deadline.seconds", 30));
    private static final int ICE_BURST = 20;
    private static final double ICE_PER_MINUTE = 10;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Addresses of 100.64.0.0/10 (shared address space), a different one for each use. */
    private static final AtomicInteger ADDRESSES = new AtomicInteger(new Random().nextInt(1 << 20));

    private static String address() {
        int n = ADDRESSES.incrementAndGet() & ((1 << 22) - 1);
        return "100." + (64 + (n >> 16)) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    private static Map<String, String> from(String address) {
        return Map.of("X-Forwarded-For", address);
    }

    private Scrape metrics() {
        return Scrape.of(anonymous());
    }

    private static String refusals(String limit) {
        return "duet_client_refusals_total{limit=\"" + limit + "\"}";
    }

    @Test
    void anAddressHoldsAtMostItsSocketsAndOtherAddressesDoNotNotice() throws Exception {
        String crowded = address();
        Scrape before = metrics();
        List<SignalClient> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_SOCKETS; i++) {
                sockets.add(SignalClient.connect(room(), from(crowded)));
            }
            // a message answered proves the last socket opened on the server, so it is counted
            SignalClient last = sockets.get(sockets.size() - 1);
            last.send("{\"type\":\"ping\"}");
            last.next("pong");
            assertEquals(429, refusedHandshake(room(), from(crowded)), "one socket past the most");
            try (SignalClient other = SignalClient.join(room(), null)) {
                other.send("{\"type\":\"ping\"}");
                other.next("pong");
            }
            assertEquals(101, untrustedHandshake(crowded),
                    "a peer that is not a trusted proxy is itself the client, whatever X-Forwarded-For it writes");
            assertEquals(1, metrics().since(before, refusals("sockets")), "counted");
            sockets.remove(0).close();
            SignalClient again = Await.value("a socket closed gives its place back", Await.DEFAULT, () -> {
                try {
                    return Optional.of(SignalClient.connect(room(), from(crowded)));
                } catch (CompletionException e) {
                    return Optional.empty();
                }
            });
            sockets.add(again);
        } finally {
            sockets.forEach(SignalClient::drop);
        }
    }

    @Test
    void anAddressOpensNewSocketsAtMostAtItsRate() {
        String hasty = address();
        Scrape before = metrics();
        long start = System.nanoTime();
        int opened = 0;
        int status = 0;
        while (opened <= SOCKET_BURST * 2) {
            try {
                SignalClient.connect(room(), from(hasty)).close();
                opened++;
            } catch (CompletionException e) {
                status = status(e);
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(429, status, "refused after " + opened + " sockets in " + seconds + " s");
        assertTrue(opened >= SOCKET_BURST, "the burst passes: " + opened);
        assertTrue(opened <= SOCKET_BURST + SOCKETS_PER_SECOND * seconds + 1, opened + " sockets in " + seconds + " s");
        try (SignalClient other = SignalClient.join(room(), null)) {
            assertEquals(0, other.joined().getJsonArray("peers").size(), "another address connects at once");
        }
        assertEquals(1, metrics().since(before, refusals("socket-rate")));
    }

    /**
     * Issue 14: in open mode {@code GET api/ice-servers} hands TURN credentials to anyone, so one
     * address gets at most a burst of 20, then 10 a minute (peers in a room get theirs in {@code joined}).
     */
    @Test
    void anAddressGetsIceServersOutsideARoomAtMostAtItsRate() throws Exception {
        String greedy = address();
        Scrape before = metrics();
        long start = System.nanoTime();
        int granted = 0;
        HttpResponse<String> refused = null;
        while (granted <= ICE_BURST * 2) {
            HttpResponse<String> response = iceServers(greedy);
            if (response.statusCode() != 200) {
                refused = response;
                break;
            }
            granted++;
        }
        double minutes = (System.nanoTime() - start) / 60e9;
        assertTrue(refused != null, granted + " answers and none refused");
        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals("rate-limited", JsonText.object(refused).getString("error"));
        assertEquals("60", refused.headers().firstValue("Retry-After").orElse(null));
        assertTrue(granted >= ICE_BURST, "the burst passes: " + granted);
        assertTrue(granted <= ICE_BURST + ICE_PER_MINUTE * minutes + 1, granted + " answers in " + minutes + " min");
        assertEquals(200, iceServers(address()).statusCode(), "another address is answered");
        assertEquals(1, metrics().since(before, refusals("ice-rate")));
    }

    private HttpResponse<String> iceServers(String address) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base().resolve("api/ice-servers")).timeout(Duration.ofSeconds(10))
                .header("X-Forwarded-For", address).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAddressJoinsAtMostAtItsRateSoJoinLeaveLoopsCannotFloodTheHistory() {
        String looping = address();
        Scrape before = metrics();
        List<SignalClient> sockets = new ArrayList<>();
        long start = System.nanoTime();
        int joins = 0;
        JsonObject refusal = null;
        try {
            // several sockets: each one's own message rate (200 at once) must not be what stops it
            for (int s = 0; s < 6 && refusal == null; s++) {
                SignalClient socket = SignalClient.connect(room(), from(looping));
                sockets.add(socket);
                for (int i = 0; i < 60 && refusal == null; i++) {
                    socket.send("{\"type\":\"join\"}");
                    JsonObject answer = socket.next();
                    if (answer.getString("type").equals("joined")) {
                        joins++;
                        socket.send("{\"type\":\"leave\"}");
                    } else {
                        refusal = answer;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (refusal == null) {
                fail(joins + " joins in " + seconds + " s and none refused");
            }
            assertEquals("rate-limited", refusal.getString("code"), refusal::toString);
            assertTrue(refusal.getString("message").contains("joins"), refusal::toString);
            assertTrue(joins >= JOIN_BURST, "the burst passes: " + joins);
            assertTrue(joins <= JOIN_BURST + JOINS_PER_SECOND * seconds + 1, joins + " joins in " + seconds + " s");
            SignalClient refused = sockets.get(sockets.size() - 1);
            assertFalse(refused.isClosed(), "the socket stays open");
            try (SignalClient other = SignalClient.join(room(), null)) {
                assertEquals(0, other.joined().getJsonArray("peers").size(), "another address joins at once");
            }
            Scrape after = metrics();
            assertEquals(1, after.since(before, refusals("join-rate")));
            assertEquals(1, after.since(before, "duet_errors_total{code=\"rate-limited\"}"));
        } finally {
            sockets.forEach(SignalClient::drop);
        }
    }

    @Test
    void aSocketThatDoesNotJoinIsClosedAtTheDeadline() {
        Scrape before = metrics();
        try (SignalClient idle = SignalClient.connect(room());
             SignalClient joined = SignalClient.join(room(), null)) {
            long opened = System.nanoTime();
            Await.until("the unjoined socket closed", JOIN_DEADLINE.plusSeconds(15), idle::isClosed);
            double after = (System.nanoTime() - opened) / 1e9;
            assertEquals(4004, idle.awaitClose());
            assertTrue(idle.closeReason().contains("join"), idle.closeReason());
            assertTrue(after >= JOIN_DEADLINE.toSeconds() - 1, "closed after " + after + " s");
            joined.send("{\"type\":\"ping\"}");
            joined.next("pong");
            assertFalse(joined.isClosed(), "a joined socket stays");
        }
        assertTrue(metrics().since(before, refusals("join-deadline")) >= 1);
    }

    @Test
    void anHttpsOriginIsRefusedForAPlainHttpRequestUnlessATrustedProxySaysHttps() {
        URI room = room();
        String authority = room.getAuthority();
        assertEquals(403, refusedHandshake(room, Map.of("Origin", "https://" + authority)), "https page, plain-http request");
        assertEquals(403, refusedHandshake(room, Map.of("Origin", "ws://" + authority)), "ws: is no page's origin");
        try (SignalClient own = SignalClient.connect(room, Map.of("Origin", "http://" + authority))) {
            own.send("{\"type\":\"ping\"}");
            own.next("pong");
        }
        try (SignalClient proxied = SignalClient.connect(room, Map.of("Origin", "https://" + authority, "X-Forwarded-Proto", "https"))) {
            proxied.send("{\"type\":\"ping\"}");
            proxied.next("pong");
        }
        assertEquals(403, refusedHandshake(room, Map.of("Origin", "http://" + authority, "X-Forwarded-Proto", "https")),
                "behind an HTTPS proxy an http page is another origin");
    }

    /** The status of a handshake the server must refuse. */
    private static int refusedHandshake(URI uri, Map<String, String> headers) {
        try {
            SignalClient.connect(uri, headers).drop();
        } catch (CompletionException e) {
            return status(e);
        }
        return fail("the handshake was accepted");
    }

    private static int status(CompletionException e) {
        if (e.getCause() instanceof WebSocketHandshakeException refused) {
            return refused.getResponse().statusCode();
        }
        throw e;
    }

    /**
     * A handshake from 127.0.0.2, which the server does not trust as a proxy, saying it forwards
     * {@code forwardedFor}; the status the server answers.
     */
    private int untrustedHandshake(String forwardedFor) throws IOException {
        URI uri = room();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.2", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", uri.getPort()), 10_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: 127.0.0.1:" + uri.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nX-Forwarded-For: " + forwardedFor + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder status = new StringBuilder();
            for (int b; (b = in.read()) != -1 && b != '\n'; ) {
                status.append((char) b);
            }
            String[] parts = status.toString().trim().split(" ");
            return Integer.parseInt(parts[1]);
        }
    }
}
