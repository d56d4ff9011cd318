package app.duet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Capacity peers in a Node process on the `ws` package (src/test/node/capacity-peers.mjs,
 * installed beside the reference relay's node_modules in target/reference-relay), driven over its
 * stdin/stdout one line at a time: the JDK client cost the generator 2.3–3.1 ms of CPU per join (0.6–1.4
 * ms with a common pool of 4), `ws` 0.4–0.5 ms; on two shared cores that bounded every server's join rate.
 */
final class NodePeers implements CapacityPeers {

    static final Path SCRIPT = Path.of("target/reference-relay/capacity-peers.mjs");

    private final Process node;
    private final PrintWriter commands;
    private final BufferedReader answers;

    NodePeers() throws IOException {
        if (!Files.exists(SCRIPT)) {
            throw new IllegalStateException(SCRIPT + " is missing: run src/test/node/install.sh (bin/bench does)");
        }
        node = new ProcessBuilder("node", SCRIPT.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        commands = new PrintWriter(node.getOutputStream(), true, StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    }

    private String[] ask(String command, String answer) throws IOException {
        commands.println(command);
        String line = answers.readLine();
        if (line == null || !line.startsWith(answer)) {
            throw new IllegalStateException("capacity-peers.mjs answered " + line + " to " + command.split(" ")[0]);
        }
        return line.split(" ");
    }

    @Override
    public int join(ServerProcess server, String prefix, int peers, int concurrency, Latencies joins) throws IOException {
        String[] answer = ask("join " + server.room(prefix, 0) + " " + peers + " " + concurrency, "joined");
        int ok = Integer.parseInt(answer[1]);
        for (int i = 3; i < answer.length; i++) {
            joins.add(Long.parseLong(answer[i]) * 1000);
        }
        if (ok < peers) {
            System.out.printf("%s peers failed to join%n", answer[2]);
        }
        return ok;
    }

    @Override
    public int open() throws IOException {
        return Integer.parseInt(ask("status", "status")[1]);
    }

    @Override
    public long pings() throws IOException {
        return Long.parseLong(ask("status", "status")[2]);
    }

    @Override
    public double cpuSeconds() {
        return CapacityPeers.ownCpuSeconds() + (node.isAlive() ? ServerProcess.cpuSeconds(node.pid()) : 0);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        ask("close", "closed");
        commands.close();
        node.waitFor();
    }
}
