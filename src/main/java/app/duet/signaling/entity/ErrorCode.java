package app.duet.signaling.entity;

/** The stable error codes of the signaling protocol, as sent in {@code {"type":"error","code":…}}. */
public enum ErrorCode {
    BAD_ROOM("bad-room", true),
    BAD_MESSAGE("bad-message", false),
    NOT_JOINED("not-joined", false),
    ALREADY_JOINED("already-joined", false),
    ROOM_FULL("room-full", true),
    NO_PEER("no-peer", false),
    TOO_LARGE("too-large", false),
    RATE_LIMITED("rate-limited", false),
    BAD_RESUME("bad-resume", false),
    ROOM_CLOSED("room-closed", true),
    /** A join without a valid join token where one is needed (or with a broken one). */
    UNAUTHORIZED("unauthorized", true),
    /** Cluster mode: the other peer's node could not be reached, so a message was not delivered. */
    UNDELIVERED("undelivered", false),
    /** Cluster mode: the shared room state (Redis) is unreachable, so joining must wait. */
    UNAVAILABLE("unavailable", false),
    INTERNAL("internal", false);

    private final String code;
    private final boolean closes;

    ErrorCode(String code, boolean closes) {
        this.code = code;
        this.closes = closes;
    }

    /** Whether the socket is closed (policy violation) once the error is sent. */
    public boolean closes() {
        return closes;
    }

    public String code() {
        return code;
    }
}
