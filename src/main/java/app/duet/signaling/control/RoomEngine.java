package app.duet.signaling.control;

import app.duet.signaling.entity.EngineState;
import app.duet.signaling.entity.ErrorCode;
import app.duet.signaling.entity.LeaveReason;
import app.duet.signaling.entity.Quality;
import app.duet.signaling.entity.RoomView;
import app.duet.signaling.entity.SignalingException;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * Room membership and relay, whatever keeps them: this node's memory ({@link Rooms}, the default)
 * or another component's engine offered through {@link RoomEngineOption} (the cluster's, which
 * shares rooms through Redis). Every engine gives the protocol the same meaning: two slots a
 * room, roles, resume tokens, peer-left.
 *
 * <p>The seam an engine works through is the public part of this package, and only that:
 * <ul>
 * <li>{@link RoomRegistry}: its rooms, each under its own lock; {@link Room#admit} and
 * {@link Room#free} give a slot to a socket and take it back;</li>
 * <li>{@link Peer}, a slot: {@link Peer#deliver} a frame (kept for a resume within a
 * {@link Retention}), {@link Peer#goAway} when the socket is gone, {@link Peer#takeOver} and
 * {@link Peer#replay} on a resume, {@link Peer#hold} and {@link Peer#adopt} when the slot's past
 * comes from elsewhere;</li>
 * <li>{@link CallTracker} for the call events, {@link Protocol} for the messages, {@link Ids} for
 * peer ids and resume tokens, {@link Client#membership} and {@link Client#send}.</li>
 * </ul>
 * All of a room's slots are touched under its lock; sends there only queue frames.
 */
public interface RoomEngine {

    /** A resume request: the slot's token, and how many frames the peer got before the blip. */
    record Resume(String token, Long received) {
    }

    /**
     * Who joins: the display name (null when none), the user id a join token named (kept in the
     * history, never sent to the other peer; null when none), and the ICE servers the peer's
     * {@code joined} carries (null when none are given).
     */
    record Entry(String name, String user, JsonObject ice) {
    }

    /** Joins {@code client} to a room, or gives it back its slot when {@code resume} names it. */
    void join(Client client, String roomId, Entry entry, Resume resume) throws SignalingException;

    /** A join by display name alone. */
    default void join(Client client, String roomId, String name, Resume resume) throws SignalingException {
        join(client, roomId, new Entry(name, null, null), resume);
    }

    /** Relays an already-encoded frame from {@code client} to the other peer of its room. */
    void relay(Client client, String text) throws SignalingException;

    /**
     * The client's room and slot; not-joined when it holds none. Static, as it needs no engine:
     * the relay path asks for it on every frame, and a call on the engine goes through its client proxy.
     */
    static Client.Membership joined(Client client) throws SignalingException {
        Client.Membership membership = client.membership();
        if (membership == null) {
            throw notJoined();
        }
        return membership;
    }

    /** The error for a socket that holds no slot. */
    static SignalingException notJoined() {
        return new SignalingException(ErrorCode.NOT_JOINED, "Send a join message first.");
    }

    /** Frees the client's slot now and tells the other peer why. */
    void free(Client client, LeaveReason reason);

    /** The client's socket closed: its slot waits for a resume. */
    void dropped(Client client, long now);

    /** Runs once per heartbeat tick: frees the slots whose resume grace ran out. */
    void expire(long now);

    /** A peer's report of the path its media takes and of its call's quality. */
    void reportQuality(Client client, Quality report) throws SignalingException;

    /** The live rooms (all nodes' in a cluster), each as it is at one moment. */
    List<RoomView> snapshot();

    /** Closes a room wherever its peers are; false when there is no such room. */
    boolean close(String roomId);

    /** Live rooms with a peer on this node. */
    int count();

    /** Peers holding a slot on this node (connected, or away within the resume grace). */
    int peerCount();

    /** What keeps the rooms, and whether it is reachable. */
    EngineState state();
}
