package app.duet.signaling.entity;

/** The limits on one client address, as counted in {@code /metrics} ({@code limit="…"}). */
public enum ClientLimit {
    /** Open signaling sockets of one address. */
    SOCKETS("sockets"),
    /** New signaling sockets per second of one address. */
    SOCKET_RATE("socket-rate"),
    /** Joins per second of one address. */
    JOIN_RATE("join-rate"),
    /** Requests for ICE servers outside a room ({@code GET api/ice-servers}) of one address. */
    ICE_RATE("ice-rate"),
    /** A socket that held no slot for too long (never joined, or left and stayed). */
    JOIN_DEADLINE("join-deadline");

    private final String label;

    ClientLimit(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
