package app.duet.signaling.entity;

import java.util.List;

/** A live room as the admin sees it: its peers and the call in progress (null when none). */
public record RoomView(String id, List<PeerView> peers, String callId) {

    /**
     * A peer of a live room; {@code away} while its socket is dropped and its slot kept;
     * {@code node}, in cluster mode, the node that holds it (null on a node on its own).
     */
    public record PeerView(String id, String name, boolean polite, boolean away, String node) {
    }
}
