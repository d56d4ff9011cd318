package app.duet.signaling.entity;

/**
 * A peer: its id and optional display name, which the other side learns, and the user id its join
 * token named (null when none), which only the call history keeps.
 */
public record PeerInfo(String id, String name, String user) {

    public PeerInfo(String id, String name) {
        this(id, name, null);
    }
}
