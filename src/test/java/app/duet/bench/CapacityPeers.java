package app.duet.bench;

/**
 * The capacity bench's client side: N sockets joined and held (bin/bench --mode capacity
 * --client jdk|node). {@link JdkPeers} runs them in this JVM on the JDK's WebSocket client,
 * {@link NodePeers} in a Node process on the `ws` package; the figures the bench reports are the same.
 */
interface CapacityPeers extends AutoCloseable {

    /** Joins {@code peers} peers, two per room {@code prefix + i / 2}; each join's time to {@code joined} in {@code joins}. */
    int join(ServerProcess server, String prefix, int peers, int concurrency, Latencies joins) throws Exception;

    /** Sockets still open. */
    int open() throws Exception;

    /** Pings received from the server so far (each answered by the client library). */
    long pings() throws Exception;

    /** CPU seconds the generator has used so far: this JVM, plus the Node process if any. */
    double cpuSeconds();

    /** Closes every socket. */
    @Override
    void close() throws Exception;

    static CapacityPeers of(String client) throws Exception {
        return switch (client) {
            case "jdk" -> new JdkPeers();
            case "node" -> new NodePeers();
            default -> throw new IllegalArgumentException("--client jdk or node, not " + client);
        };
    }

    static double ownCpuSeconds() {
        return ServerProcess.cpuSeconds(ProcessHandle.current().pid());
    }
}
