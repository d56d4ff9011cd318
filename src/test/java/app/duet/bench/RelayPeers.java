package app.duet.bench;

import java.net.URI;
import java.util.List;

/**
 * The peers of a relay run, in rooms of two where A sends and B receives: {@link JdkRelayPeers}
 * on the JDK's WebSocket client in the bench's own JVM (the default), or {@link NodeRelayPeers} on
 * Node's `ws` in one child process, one thread for every socket (--client node).
 */
interface RelayPeers extends AutoCloseable {

    /** What the peers counted so far: frames B received, frames A sent, B's out-of-order ones, error frames. */
    record Counts(long received, long sent, long outOfOrder, long errors) {
    }

    static RelayPeers of(String client, SignalingBench bench, int size) throws Exception {
        return switch (client) {
            case "jdk" -> new JdkRelayPeers(bench.http(), size);
            case "node" -> new NodeRelayPeers(size);
            default -> throw new IllegalArgumentException("--client jdk or node, not " + client);
        };
    }

    /** Joins both peers of every room ({A's URI, B's URI} each); returns the frame's length in characters. */
    int connect(List<URI[]> rooms) throws Exception;

    /** Each A keeps {@code window} frames in flight: a frame B receives makes its A send the next. */
    void startClosed(int window) throws Exception;

    /** Each A sends {@code rate} frames a second on a fixed schedule, the rooms spread over the period. */
    void startOpen(int rate) throws Exception;

    /** From now on, records (or stops recording) the one-way latency of each frame B receives. */
    void measure(boolean on) throws Exception;

    Counts counts() throws Exception;

    /** Stops sending; frames on their way still arrive. */
    void halt() throws Exception;

    /** The latencies recorded while measuring, each with when its frame was sent (System.nanoTime's clock). */
    Latencies latencies() throws Exception;

    /** The last error frame a peer got (cut at 200 characters), or null or "none" if it got none. */
    String lastError() throws Exception;

    @Override
    void close() throws Exception;
}
