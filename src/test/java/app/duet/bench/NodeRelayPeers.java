package app.duet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Relay peers in a Node process on the `ws` package (src/test/node/relay-peers.mjs, installed beside
 * the reference relay in target/reference-relay), driven over its stdin/stdout a line at a time. Its
 * latencies are stamped with process.hrtime, CLOCK_MONOTONIC as System.nanoTime is on Linux, so they
 * line up with the bench's own {@link StallProbe}.
 */
final class NodeRelayPeers implements RelayPeers {

    private final int size;
    private final NodeScript node = new NodeScript("relay-peers.mjs");

    NodeRelayPeers(int size) throws IOException {
        this.size = size;
    }

    private String[] ask(String command, String answer) throws IOException {
        return node.ask(command, answer);
    }

    @Override
    public int connect(List<URI[]> rooms) throws IOException {
        String urls = rooms.stream().map(r -> r[0] + " " + r[1]).collect(Collectors.joining(" "));
        String[] answer = ask("connect " + size + " " + urls, "connected");
        if (Integer.parseInt(answer[1]) < rooms.size()) {
            throw new IllegalStateException((rooms.size() - Integer.parseInt(answer[1])) + " rooms did not join");
        }
        return size;
    }

    @Override
    public void startClosed(int window) throws IOException {
        ask("closed " + window, "started");
    }

    @Override
    public void startOpen(int rate) throws IOException {
        ask("open " + rate, "started");
    }

    @Override
    public void measure(boolean on) throws IOException {
        ask("measure " + (on ? "on" : "off"), "measuring");
    }

    @Override
    public Counts counts() throws IOException {
        String[] mark = ask("mark", "mark");
        return new Counts(Long.parseLong(mark[1]), Long.parseLong(mark[2]), Long.parseLong(mark[3]), Long.parseLong(mark[4]));
    }

    @Override
    public void halt() throws IOException {
        ask("halt", "halted");
    }

    @Override
    public Latencies latencies() throws IOException {
        Path file = Files.createTempFile("relay-peers", ".txt");
        try {
            ask("samples " + file.toAbsolutePath(), "written");
            Latencies latencies = new Latencies();
            try (BufferedReader lines = Files.newBufferedReader(file)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    int space = line.indexOf(' ');
                    if (space > 0) {
                        latencies.add(Long.parseLong(line, 0, space, 10), Long.parseLong(line, space + 1, line.length(), 10));
                    }
                }
            }
            return latencies;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public String lastError() throws IOException {
        return String.join(" ", ask("last-error", "last-error")).substring("last-error ".length());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        ask("close", "closed");
        node.close();
    }
}
