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

    /** A peer reported the path its media takes: {@code first} is the peer that was there first. */
    record PathReported(String callId, boolean first, String path) implements CallEvent {
    }
}
