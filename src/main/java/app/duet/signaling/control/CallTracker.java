package app.duet.signaling.control;

import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.EndReason;
import app.duet.signaling.entity.PeerEvent;
import app.duet.signaling.entity.PeerInfo;
import app.duet.signaling.entity.Quality;
import java.util.function.Consumer;

/**
 * The call of each room and the events that tell the rest of the application about it and its
 * peers. Called under the room's lock, so a room's events go out in order.
 */
public final class CallTracker {

    private final Consumer<CallEvent> events;
    private final Consumer<PeerEvent> peers;

    public CallTracker(Consumer<CallEvent> events) {
        this(events, e -> { });
    }

    public CallTracker(Consumer<CallEvent> events, Consumer<PeerEvent> peers) {
        this.events = events;
        this.peers = peers;
    }

    /** A peer took a slot in {@code room} (not a resume). */
    public void joined(Room room, PeerInfo peer) {
        peers.accept(new PeerEvent.Joined(room.id(), peer.id(), peer.name(), peer.user(), System.currentTimeMillis()));
    }

    /** A peer's slot in {@code room} was freed for good; {@code reason} as {@link PeerEvent.Left} says. */
    public void left(String room, String peer, String reason) {
        peers.accept(new PeerEvent.Left(room, peer, reason, System.currentTimeMillis()));
    }

    /** The second peer joined: call {@code callId} begins. */
    public void started(Room room, String callId, PeerInfo first, PeerInfo second) {
        room.call(new Room.ActiveCall(callId, first.id()));
        events.accept(new CallEvent.Started(callId, room.id(), System.currentTimeMillis(), first.name(), second.name()));
        // in a cluster each node knows the user of its own peer only, and says it on its own
        if (first.user() != null) {
            events.accept(new CallEvent.UserKnown(callId, true, first.user()));
        }
        if (second.user() != null) {
            events.accept(new CallEvent.UserKnown(callId, false, second.user()));
        }
    }

    /** One side left for good (or the room was closed): the call, if any, ends. */
    public void ended(Room room, EndReason reason) {
        if (room.call() != null) {
            flush(room);
            events.accept(new CallEvent.Ended(room.call().id(), System.currentTimeMillis(), reason));
            room.call(null);
        }
    }

    /** A peer's stats report: a call event if it changed, at most one per peer every 5 s ({@link QualityGate}). */
    public void qualityReported(Room room, Peer peer, Quality report) {
        qualityReported(room, peer, report, System.currentTimeMillis());
    }

    void qualityReported(Room room, Peer peer, Quality report, long now) {
        Room.ActiveCall call = room.call();
        if (call != null) {
            Quality passed = peer.quality().offer(call.id(), report, now);
            if (passed != null) {
                events.accept(new CallEvent.QualityReported(call.id(), call.firstId().equals(peer.id()), passed));
            }
        }
    }

    /**
     * Passes on the reports held back of the room's peers on this node, while its call is still
     * set: before its end, or before a peer leaves. Under the room's lock.
     */
    public void flush(Room room) {
        Room.ActiveCall call = room.call();
        if (call == null) {
            return;
        }
        for (Peer peer : room.peers()) {
            Quality last = peer.quality().flush(call.id());
            if (last != null) {
                events.accept(new CallEvent.QualityReported(call.id(), call.firstId().equals(peer.id()), last));
            }
        }
    }
}
