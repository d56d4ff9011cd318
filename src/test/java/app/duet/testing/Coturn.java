package app.duet.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's coturn 4.6.1 on loopback, configured by the test (see the README's turnserver.conf
 * samples), turnutils_uclient to check credentials the way a TURN client uses them, and a TURN
 * Allocate of its own ({@link Stun}) to read coturn's answer when it refuses them.
 */
public final class Coturn implements AutoCloseable {

    /** Free for UDP (TURN) and TCP alike, kept across restarts. */
    private final int port = Ports.freeTcpAndUdp();
    private final Path dir;
    private Process process;

    /** A coturn whose config, log and pid file go in {@code dir}. */
    public Coturn(Path dir) {
        this.dir = dir;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "turn:127.0.0.1:" + port + "?transport=udp";
    }

    /** Starts coturn with the common loopback settings plus {@code lines}; waits until it answers STUN. */
    public Coturn start(String... lines) {
        List<String> config = new ArrayList<>(List.of("listening-ip=127.0.0.1", "relay-ip=127.0.0.1",
                "listening-port=" + port, "min-port=49152", "max-port=49400", "fingerprint", "allow-loopback-peers",
                "no-tls", "no-dtls", "no-cli", "no-multicast-peers", "log-file=stdout", "simple-log",
                "pidfile=" + dir.resolve("turnserver.pid")));
        config.addAll(List.of(lines));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("turnserver.conf");
            Files.write(file, config);
            process = new ProcessBuilder("turnserver", "-c", file.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("turnserver.log").toFile()).start();
            Processes.awaitReady(process, Duration.ofSeconds(20), this::answersStun,
                    "coturn did not start; see " + dir.resolve("turnserver.log"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** A STUN Binding request (RFC 5389) on UDP: whether coturn answers it. */
    private boolean answersStun() throws IOException {
        ByteBuffer request = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0).putInt(0x2112A442)
                .put(new byte[12]);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(300);
            socket.send(new DatagramPacket(request.array(), 20, InetAddress.getLoopbackAddress(), port));
            socket.receive(new DatagramPacket(new byte[512], 512));
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /**
     * Allocates a relay and sends through it with turnutils_uclient, as a TURN client uses
     * credentials: whether that worked (exit 0; it exits 255 for any failure, a refusal or a coturn
     * that is not there alike).
     */
    public boolean allocates(String user, String password) {
        try {
            Process client = new ProcessBuilder("turnutils_uclient", "-y", "-n", "3", "-m", "1", "-u", user, "-w", password,
                    "-p", String.valueOf(port), "127.0.0.1").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("uclient.log").toFile()).start();
            if (!client.waitFor(30, TimeUnit.SECONDS)) {
                client.destroyForcibly();
                throw new IllegalStateException("turnutils_uclient hung");
            }
            return client.exitValue() == 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What coturn answers a TURN Allocate (RFC 5766, UDP) with these long-term credentials: 0 when
     * it allocates, else the STUN error code (401: credentials refused). Fails when coturn does not
     * answer at all, so that a coturn that is down never passes for one that refuses.
     */
    public int allocateError(String user, String password) {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(InetAddress.getLoopbackAddress(), port);
            Map<Integer, byte[]> challenge = Stun.exchange(socket, Stun.allocate(null, null, null, null));
            if (Stun.errorCode(challenge) != 401) {
                throw new AssertionError("coturn answered an Allocate without credentials with " + Stun.errorCode(challenge));
            }
            byte[] realm = challenge.get(Stun.REALM);
            Map<Integer, byte[]> answer = Stun.exchange(socket, Stun.allocate(user, new String(realm, StandardCharsets.UTF_8),
                    challenge.get(Stun.NONCE), password));
            return Stun.errorCode(answer);
        } catch (IOException e) {
            throw new AssertionError("coturn on port " + port + " did not answer an Allocate; see " + dir.resolve("turnserver.log"), e);
        }
    }

    public String log() throws IOException {
        return Files.readString(dir.resolve("turnserver.log"));
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

}
