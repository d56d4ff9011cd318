package app.duet.signaling.control;

/** The close codes the server uses (4000–4999 are the application's own). */
public final class CloseCodes {
    /** The socket broke a rule it cannot go on after (bad room, room full, foreign origin). */
    public static final int POLICY = 1008;
    /** The server is shutting down. */
    public static final int GOING_AWAY = 1001;
    /** The server cannot take this socket now (too many sockets from its address, or memory): try again later. */
    public static final int TRY_AGAIN_LATER = 1013;
    /** Another socket resumed this peer's slot. */
    public static final int REPLACED = 4001;
    /** No message nor pong within the heartbeat timeout. */
    public static final int TIMEOUT = 4002;
    /** The peer did not read its messages fast enough. */
    public static final int TOO_SLOW = 4003;
    /** The socket held no room slot within the join deadline (never joined, or left and stayed). */
    public static final int JOIN_DEADLINE = 4004;

    private CloseCodes() {
    }
}
