package app.duet.signaling.entity;

/** Why a call ended, as stored in the call history. */
public enum EndReason {
    HANG_UP("hang-up"),
    DISCONNECT("disconnect"),
    TIMEOUT("timeout"),
    CLOSED_BY_ADMIN("closed-by-admin"),
    SERVER_SHUTDOWN("server-shutdown");

    private final String wire;

    EndReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static EndReason of(LeaveReason reason) {
        return switch (reason) {
            case LEFT -> HANG_UP;
            case DISCONNECTED -> DISCONNECT;
            case TIMEOUT -> TIMEOUT;
        };
    }

    public static EndReason fromWire(String wire) {
        for (EndReason reason : values()) {
            if (reason.wire.equals(wire)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("Unknown end reason: " + wire);
    }
}
