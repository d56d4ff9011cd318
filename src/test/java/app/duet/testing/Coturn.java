package app.duet.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's coturn 4.6.1 on loopback, configured by the test (see the README's turnserver.conf
 * samples), and turnutils_uclient to check credentials the way a TURN client uses them.
 */
public final class Coturn implements AutoCloseable {

    private final Path dir;
    private final int port;
    private Process process;

    public Coturn(Path dir) {
        this.dir = dir;
        this.port = Ports.freeTcpAndUdp();
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
     * Allocates a relay and sends through it with turnutils_uclient: 0 when the credentials are
     * accepted, non-zero (255) when coturn refuses them.
     */
    public int allocate(String user, String password) {
        try {
            Process client = new ProcessBuilder("turnutils_uclient", "-y", "-n", "3", "-m", "1", "-u", user, "-w", password,
                    "-p", String.valueOf(port), "127.0.0.1").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("uclient.log").toFile()).start();
            if (!client.waitFor(30, TimeUnit.SECONDS)) {
                client.destroyForcibly();
                throw new IllegalStateException("turnutils_uclient hung");
            }
            return client.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
