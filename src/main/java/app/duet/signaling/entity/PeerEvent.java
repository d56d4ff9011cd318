package app.duet.signaling.entity;

/**
 * What signaling tells the rest of the application about peers, as CDI events: a peer took a slot
 * in a room (a resume is not a join), or its slot was freed for good. Fired by the node that holds
 * the slot (for a dead node's slots, by the node that frees them), on the relay thread under the
 * room's lock: observers must only hand the event off. Times are epoch millis.
 */
public sealed interface PeerEvent {

    String room();

    String peer();

    long at();

    /** {@code user} is the {@code sub} of the peer's join token (null when none), as in {@link PeerInfo}. */
    record Joined(String room, String peer, String name, String user, long at) implements PeerEvent {
    }

    /** {@code reason}: {@link LeaveReason}'s words ({@code left}, {@code disconnected}, {@code timeout}) or {@link #CLOSED}. */
    record Left(String room, String peer, String reason, long at) implements PeerEvent {
    }

    /** The reason of a slot freed because an admin closed its room. */
    String CLOSED = "closed-by-admin";
}
