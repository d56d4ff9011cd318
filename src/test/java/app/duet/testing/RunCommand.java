package app.duet.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Duet started the way the README says, by {@code bin/run --server SERVER} as a process of its
 * own, offline ({@code -o}: the build and the server come from the local Maven repository, as
 * bin/test's online phase left it), with its data in a directory of the test's (DUET_DATA) and
 * free ports (DUET_PORT, DUET_HTTPS_PORT). Ready once bin/run printed its banner and the call page
 * answers 200.
 */
public final class RunCommand implements AutoCloseable {

    /** The first start may provision the server again (pom.xml changed), from the local repository. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final String BANNER = "Duet is running. Open the call page:";

    private final String server;
    private final Path data;
    private final Map<String, String> environment;
    private final int port = Ports.free();
    private final int httpsPort = Ports.free();
    private Process process;
    private Path log;
    private int starts;

    public RunCommand(String server, Path data, Map<String, String> environment) {
        this.server = server;
        this.data = data;
        this.environment = environment;
    }

    /** Runs bin/run and waits until it is ready; fails when bin/run exits or time runs out. */
    public RunCommand start() {
        try {
            Files.createDirectories(data);
            log = data.resolveSibling(data.getFileName() + "-" + server + "-" + (++starts) + ".log");
            ProcessBuilder builder = new ProcessBuilder(List.of("bin/run", "--server", server, "-o"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            // not the Maven settings of the build that runs this test
            builder.environment().remove("MAVEN_ARGS");
            builder.environment().putAll(environment);
            builder.environment().put("DUET_DATA", data.toAbsolutePath().toString());
            builder.environment().put("DUET_PORT", String.valueOf(port));
            builder.environment().put("DUET_HTTPS_PORT", String.valueOf(httpsPort));
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Processes.awaitReady(process, START_TIMEOUT, () -> Files.readString(log).contains(BANNER) && callPage() == 200,
                "bin/run --server " + server + " did not get ready; see " + log);
        return this;
    }

    private int callPage() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base()).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * A graceful stop, as Ctrl-C in a terminal: SIGTERM to the server's JVM (SIGINT itself is
     * ignored by processes started in the background), whose end ends the scripts around it; then
     * waits for bin/run to end.
     */
    public void stop() {
        process.descendants().filter(p -> p.info().command().orElse("").endsWith("/java")).forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("bin/run --server " + server + " did not stop; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public String logText() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
