package app.duet.signaling.entity;

/** What the other side learns about a peer: its id and optional display name. */
public record PeerInfo(String id, String name) {
}
