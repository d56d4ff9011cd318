package app.duet.cluster.control;

import app.duet.cluster.entity.Envelope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * Peers on their way to this node: joins admitted in Redis whose slot is not placed here yet
 * (what other nodes send them meanwhile is kept and applied once they are), and slots resumed
 * here from another node that wait for its handover.
 */
final class Arrivals {

    /** How long a slot arriving from another node waits for that node to hand over its frames. */
    static final long HANDOVER_WAIT = 3_000_000_000L;

    private final ConcurrentMap<String, List<Envelope>> expected = new ConcurrentHashMap<>();
    /** Peer → when its wait started and the count the peer gave (-1: none). */
    private final ConcurrentMap<String, long[]> handovers = new ConcurrentHashMap<>();

    void expect(String peer) {
        expected.put(peer, new ArrayList<>());
    }

    void unexpect(String peer) {
        expected.remove(peer);
    }

    /** The peer is placed (the caller holds its room's lock): what came for it meanwhile goes to {@code apply}. */
    void placed(String peer, Consumer<Envelope> apply) {
        List<Envelope> waiting = expected.get(peer);
        if (waiting != null) {
            synchronized (waiting) {
                expected.remove(peer);
                waiting.forEach(apply);
            }
        }
    }

    /** Keeps an envelope for a peer not placed yet; false when it is placed (or unknown). */
    boolean park(String peer, Envelope envelope) {
        List<Envelope> waiting = expected.get(peer);
        if (waiting == null) {
            return false;
        }
        synchronized (waiting) {
            if (expected.get(peer) != waiting) {
                return false;
            }
            waiting.add(envelope);
            return true;
        }
    }

    void awaitHandover(String peer, Long received) {
        handovers.put(peer, new long[] {System.nanoTime(), received == null ? -1 : received});
    }

    /** The handover wait of a peer ends; its start and count, or null when it was not waiting. */
    long[] handedOver(String peer) {
        return handovers.remove(peer);
    }

    /** Peers whose old node has not answered in time. */
    List<String> overdue(long now) {
        return handovers.entrySet().stream().filter(e -> now - e.getValue()[0] > HANDOVER_WAIT).map(e -> e.getKey()).toList();
    }
}
