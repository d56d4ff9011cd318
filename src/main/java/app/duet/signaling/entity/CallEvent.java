package app.duet.signaling.entity;

/**
 * What signaling tells the rest of the application about calls, as CDI events. A call begins when
 * a second peer joins a room and ends when one of the two leaves for good. Times are epoch millis.
 * Observers run on the relay thread under a room's lock: they must only hand the event off.
 */
public sealed interface CallEvent {

    String callId();

    /** The second peer joined: {@code firstName} was there first (either name may be null). */
    record Started(String callId, String room, long at, String firstName, String secondName) implements CallEvent {
    }

    /** One side left for good. */
    record Ended(String callId, long at, EndReason reason) implements CallEvent {
    }

    /** A peer of the call was admitted with a join token naming {@code user} ({@code sub}). */
    record UserKnown(String callId, boolean first, String user) implements CallEvent {
    }

    /**
     * A peer reported its side of the call: the path its media takes and, each null when it did
     * not say, its quality figures (see {@link Quality}). {@code first} is the peer that was there
     * first. Signaling coalesces these (see {@code CallTracker}): not every stats frame is one.
     */
    record QualityReported(String callId, boolean first, String path, Integer setupMs, Integer rttMs, Integer iceRestarts,
                           Boolean reconnected) implements CallEvent {

        /** A report of the path only (as older pages send it). */
        public QualityReported(String callId, boolean first, String path) {
            this(callId, first, path, null, null, null, null);
        }

        public QualityReported(String callId, boolean first, Quality q) {
            this(callId, first, q.path(), q.setupMs(), q.rttMs(), q.iceRestarts(), q.reconnected());
        }
    }
}
