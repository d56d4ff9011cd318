package app.duet.signaling.entity;

/** Why a peer's slot in a room was freed, as sent in {@code peer-left}. */
public enum LeaveReason {
    /** The peer hung up ({@code leave}). */
    LEFT("left"),
    /** The peer's socket closed and it did not resume within the grace period. */
    DISCONNECTED("disconnected"),
    /** The peer stopped answering heartbeats. */
    TIMEOUT("timeout");

    private final String wire;

    LeaveReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
