package app.duet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A bench script in a Node process (installed by src/test/node/install.sh into
 * target/reference-relay, beside the `ws` package), driven over its stdin/stdout: one command a
 * line, one answer a line.
 */
final class NodeScript implements AutoCloseable {

    private final String name;
    private final Process node;
    private final PrintWriter commands;
    private final BufferedReader answers;

    NodeScript(String name) throws IOException {
        Path script = Path.of("target/reference-relay", name);
        if (!Files.exists(script)) {
            throw new IllegalStateException(script + " is missing: run src/test/node/install.sh (bin/bench does)");
        }
        this.name = name;
        node = new ProcessBuilder("node", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        commands = new PrintWriter(node.getOutputStream(), true, StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Sends a command and returns the answer's words; an answer not starting with {@code answer} fails. */
    String[] ask(String command, String answer) throws IOException {
        commands.println(command);
        String line = answers.readLine();
        if (line == null || !line.startsWith(answer)) {
            throw new IllegalStateException(name + " answered " + line + " to " + command.split(" ")[0]);
        }
        return line.split(" ");
    }

    /** The process's CPU seconds so far (0 once it ended). */
    double cpuSeconds() {
        return node.isAlive() ? ServerProcess.cpuSeconds(node.pid()) : 0;
    }

    /** Ends the script (its stdin closed) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        commands.close();
        node.waitFor();
    }
}
