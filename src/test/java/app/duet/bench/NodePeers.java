package app.duet.bench;

import java.io.IOException;

/**
 * Capacity peers in a Node process on the `ws` package (src/test/node/capacity-peers.mjs,
 * installed beside the reference relay's node_modules in target/reference-relay), driven over its
 * stdin/stdout one line at a time: the JDK client cost the generator 2.3–3.1 ms of CPU per join (0.6–1.4
 * ms with a common pool of 4), `ws` 0.4–0.5 ms; on two shared cores that bounded every server's join rate.
 */
final class NodePeers implements CapacityPeers {

    private final NodeScript node = new NodeScript("capacity-peers.mjs");

    NodePeers() throws IOException {
    }

    private String[] ask(String command, String answer) throws IOException {
        return node.ask(command, answer);
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
        return CapacityPeers.ownCpuSeconds() + node.cpuSeconds();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        ask("close", "closed");
        node.close();
    }
}
