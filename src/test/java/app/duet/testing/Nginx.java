package app.duet.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Debian's nginx on loopback in front of the given nodes, configured with the README's sample
 * ({@code src/deploy/nginx/duet.conf}) with only its upstream servers and listen port replaced.
 */
public final class Nginx implements AutoCloseable {

    private static final Path SAMPLE = Path.of("src", "deploy", "nginx", "duet.conf");

    private final Path dir;
    private final int port;
    private Process process;

    public Nginx(Path dir) {
        this.dir = dir.toAbsolutePath();
        this.port = Ports.free();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public Nginx start(List<URI> nodes) {
        try {
            Files.createDirectories(dir.resolve("tmp"));
            String upstreams = nodes.stream().map(n -> "    server 127.0.0.1:" + n.getPort() + ";")
                    .collect(Collectors.joining("\n"));
            String site = Files.readString(SAMPLE)
                    .replaceAll("(?m)^    server 127\\.0\\.0\\.1:\\d+;\\n", "")
                    .replace("upstream duet {\n", "upstream duet {\n" + upstreams + "\n")
                    .replace("listen 80;", "listen 127.0.0.1:" + port + ";");
            Files.writeString(dir.resolve("duet.conf"), site);
            Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                    "daemon off;", "worker_processes 1;", "pid " + dir.resolve("nginx.pid") + ";",
                    "error_log " + dir.resolve("error.log") + " info;", "events { }", "http {",
                    "  log_format upstreams '$request_uri -> $upstream_addr $status';",
                    "  access_log " + dir.resolve("access.log") + " upstreams;",
                    "  client_body_temp_path " + dir.resolve("tmp") + ";", "  proxy_temp_path " + dir.resolve("tmp") + ";",
                    "  include " + dir.resolve("duet.conf") + ";", "}", ""));
            process = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
            Processes.awaitReady(process, Duration.ofSeconds(20), this::listening,
                    "nginx did not start; see " + dir.resolve("nginx.out") + " and error.log");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** The access log: one line per request, with the node that served it. */
    public List<String> accessLog() throws IOException {
        return Files.readAllLines(dir.resolve("access.log"));
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }
}
