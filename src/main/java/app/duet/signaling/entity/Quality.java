package app.duet.signaling.entity;

/**
 * A peer's report of its side of the call, as its {@code stats} message says it: the path its
 * media takes ({@code host}, {@code srflx} or {@code relay}) and, each null when not sent (older
 * pages send only the path), the set-up time (join click to the first {@code connected}, ms), the
 * round-trip time (median over the call so far, ms), the number of ICE restarts and whether the
 * connection was ever lost and came back. Bounds are checked where the frame is read.
 */
public record Quality(String path, Integer setupMs, Integer rttMs, Integer iceRestarts, Boolean reconnected) {

    public static final int MAX_SETUP_MS = 600_000;
    public static final int MAX_RTT_MS = 60_000;
    public static final int MAX_ICE_RESTARTS = 10_000;

    /** A report of the path only. */
    public static Quality path(String path) {
        return new Quality(path, null, null, null, null);
    }
}
