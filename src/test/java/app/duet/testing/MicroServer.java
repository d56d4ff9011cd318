package app.duet.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Duet on a Payara Micro process the test starts itself (as bin/run does), with a root directory
 * it keeps, so that a test can stop, kill and restart the server and read its database.
 */
public final class MicroServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private final Path root;
    private final int port;
    private final List<String> options;
    private final Map<String, String> environment;
    private Process process;
    private Path log;
    private int starts;

    public MicroServer(Path root, List<String> options, Map<String, String> environment) {
        this.root = root;
        this.port = Ports.free();
        this.options = options;
        this.environment = environment;
    }

    /** An option for the JVM (a system property, or a -XX flag that overrides the one above); the rest go to Payara Micro. */
    private static boolean jvmOption(String option) {
        return option.startsWith("-D") || option.startsWith("-XX:");
    }

    /** Starts the server and waits until Payara Micro says it is ready. */
    public MicroServer start() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                // C1 only, as Arquillian's servers (arquillian.xml): a start is mostly JIT work, and
                // the suite starts 22 of these on Payara; a test that times the server passes
                // -XX:TieredStopAtLevel=4 (every tier) after it
                "-XX:TieredStopAtLevel=1"));
        options.stream().filter(MicroServer::jvmOption).forEach(command::add);
        command.addAll(List.of("-jar", System.getProperty("payara.microJar", "target/payara-micro.jar")));
        if (starts == 0) {
            // a restart on the same root directory finds the WAR deployed there already: deploying it
            // again made Payara Micro start it twice, and the first copy, replaced while its start-up
            // work and timers ran (history closing calls left open, webhook events), lost that work
            command.addAll(List.of("--deploy", System.getProperty("duet.war", "target/duet.war"), "--contextroot", "/"));
        }
        command.addAll(List.of("--port", String.valueOf(port), "--nocluster", "--disablephonehome", "--rootdir", root.toString()));
        options.stream().filter(o -> !jvmOption(o)).forEach(command::add);
        try {
            Files.createDirectories(root);
            log = root.resolveSibling(root.getFileName() + "-" + (++starts) + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            process = builder.start();
            Processes.awaitReady(process, START_TIMEOUT,
                    () -> Files.readString(log).contains(" ready in "), "Payara Micro did not start; see " + log);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** A graceful stop (SIGTERM): the application shuts down. */
    public void stop() {
        process.destroy();
        await();
    }

    /** A crash (SIGKILL): nothing of the application runs any more. */
    public void kill() {
        process.destroyForcibly();
        await();
    }

    private void await() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public URI signal(String room) {
        return URI.create("ws://127.0.0.1:" + port + "/signal/" + room);
    }

    /** Payara Micro's embedded H2 database, reachable while the server runs (AUTO_SERVER). */
    public String h2Url() {
        return "jdbc:h2:" + root.toAbsolutePath().resolve("lib/databases/embedded_default") + ";AUTO_SERVER=TRUE";
    }

    public String logText() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

}
