package app.duet.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's redis-server on loopback, as the cluster tests' shared engine. It keeps its data in an
 * append-only file, so a restart keeps it unless the test {@link #wipe}s it in between.
 */
public final class Redis implements AutoCloseable {

    private final Path dir;
    /** Kept across restarts: the nodes reconnect to the same address. */
    private final int port = Ports.free();
    private Process process;

    public Redis(Path dir) {
        this.dir = dir;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts it (again, on the same port) and waits until it answers PING. */
    public Redis start() {
        try {
            Files.createDirectories(dir);
            process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", dir.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
                    .start();
            Processes.awaitReady(process, Duration.ofSeconds(20), () -> "+PONG".equals(command("PING")),
                    "redis-server did not start; see " + dir.resolve("redis.log"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Forgets everything it held (while stopped), as a restart without persistence would. */
    public void wipe() {
        Dirs.clean(dir.resolve("appendonlydir"));
    }

    /** Stops it (SIGTERM). */
    public void stop() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One inline command; its first reply line, or null when Redis does not answer. */
    public String command(String inline) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) != -1 && c != '\r'; ) {
                line.append((char) c);
            }
            return line.toString();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly(); // nothing happens when it has stopped already
        }
    }
}
