package app.duet.cluster.control;

import app.duet.cluster.entity.Envelope;
import app.duet.cluster.entity.Envelope.Kind;
import app.duet.cluster.entity.Seat;
import app.duet.signaling.control.CallTracker;
import app.duet.signaling.control.Peer;
import app.duet.signaling.control.Protocol;
import app.duet.signaling.control.Retention;
import app.duet.signaling.control.Room;
import app.duet.signaling.control.RoomRegistry;
import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.EndReason;
import app.duet.signaling.entity.LeaveReason;
import app.duet.signaling.entity.PeerEvent;
import app.duet.signaling.entity.PeerInfo;
import io.lettuce.core.RedisException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * A cluster node's own part of the rooms: the peers whose sockets it holds, by room, each room
 * under its own lock as in signaling's in-memory engine, and the peers on their way here (joining,
 * or resuming from another node).
 */
final class NodeRooms {

    private static final Logger LOG = Logger.getLogger(NodeRooms.class.getName());

    final String node;
    final Retention keep;
    private final CallTracker calls;
    private final Consumer<CallEvent> events;
    final RoomRegistry rooms = new RoomRegistry();
    private final ConcurrentMap<String, Placement> placed = new ConcurrentHashMap<>();
    final Arrivals arrivals = new Arrivals();
    Inbox inbox;
    private RedisDirectory redis;
    private RoomStore store;
    private Upkeep upkeep;

    NodeRooms(String node, Retention keep, Consumer<CallEvent> events, Consumer<PeerEvent> peers) {
        this.node = node;
        this.keep = keep;
        this.events = events;
        this.calls = new CallTracker(events, peers);
    }

    void connect(RedisDirectory redis, RoomStore store, Upkeep upkeep) {
        this.redis = redis;
        this.store = store;
        this.upkeep = upkeep;
    }

    Upkeep upkeep() {
        return upkeep;
    }

    CallTracker calls() {
        return calls;
    }

    int roomCount() {
        return rooms.count();
    }

    int peerCount() {
        return rooms.peerCount();
    }

    /** Admits the peer's slot here. Under the room's lock. */
    Placement place(Room room, Peer peer) {
        room.admit(peer);
        Placement placement = new Placement(room);
        placed.put(peer.id(), placement);
        return placement;
    }

    Room roomOf(String peer) {
        Placement placement = placed.get(peer);
        return placement == null ? null : placement.room;
    }

    /** Where this node holds the peer's slot, and its part in a move; null when it holds none. */
    Placement placement(String peer) {
        return placed.get(peer);
    }

    /** Tells the other peer something: in memory when it is here, else on its channel. */
    void announce(Room room, PeerInfo other, Envelope envelope) {
        Peer here = room.byId(other.id());
        if (here != null) {
            inbox.apply(room, here, envelope, false);
        } else {
            room.remote(new PeerInfo(other.id(), other.name()));
            redis.publish(RedisDirectory.peerChannel(other.id()), envelope);
        }
    }

    /** Under the room's lock: frees the slot here and in Redis, and tells the other peer. */
    void release(Room room, Peer peer, LeaveReason reason) {
        calls.flush(room); // while the call is still set: the last stats reports held back
        calls.left(room.id(), peer.id(), reason.wire());
        String callId = room.call() == null ? null : room.call().id();
        forget(room, peer);
        Peer other = room.other(null);
        RoomStore.Freed freed;
        try {
            freed = store.leave(room.id(), peer.id());
        } catch (RedisException e) {
            upkeep.departed(room.id(), peer.id(), other == null ? remoteId(room) : null, callId, reason);
            if (other != null) {
                other.deliver(Protocol.peerLeft(peer.id(), reason), keep);
            }
            return;
        }
        room.call(null);
        if (freed == null) {
            return;
        }
        ended(freed.callId(), EndReason.of(reason), System.currentTimeMillis());
        if (other != null) {
            other.deliver(Protocol.peerLeft(peer.id(), reason), keep);
        } else if (freed.other() != null) {
            redis.publish(RedisDirectory.peerChannel(freed.other()), Envelope.of(Kind.LEFT, peer.id(), Protocol.peerLeft(peer.id(), reason)));
        }
    }

    /** Takes a peer off this node (its slot left, moved or was closed). Under the room's lock. */
    void forget(Room room, Peer peer) {
        room.free(peer);
        if (peer.id().equals(remoteId(room))) {
            room.remote(null);
        }
        Placement placement = placed.get(peer.id());
        if (placement != null && placement.room == room) {
            placed.remove(peer.id(), placement);
        }
        if (room.other(null) == null) {
            room.call(null);
        }
        redis.unsubscribe(peer.id());
    }

    /** The id of the room's peer on another node, or null. */
    static String remoteId(Room room) {
        return room.remote() == null ? null : room.remote().id();
    }

    void ended(String callId, EndReason reason, long at) {
        if (callId != null) {
            events.accept(new CallEvent.Ended(callId, at, reason));
        }
    }

    /** Each heartbeat tick: expired slots, handovers that got no answer, then the cluster's upkeep. */
    void expire(long now) {
        rooms.forEach(room -> {
            for (Peer peer : List.copyOf(room.peers())) {
                Placement placement = placed.get(peer.id());
                if (placement != null && placement.handingTo != null) {
                    if (now - placement.handingSince > Arrivals.HANDOVER_WAIT) {
                        inbox.finishHandover(room, peer); // its own fence never came back
                    }
                } else if (peer.away() && !peer.holding() && now - peer.awayUntil() >= 0) {
                    release(room, peer, LeaveReason.DISCONNECTED);
                }
            }
        });
        arrivals.overdue(now).forEach(peer -> inbox.handed(peer, -1, 0, List.of()));
        upkeep.tick(now);
    }

    /** Each local slot as Redis should hold it, with its room's call ("callId|first", or null). */
    void eachSlot(SlotVisitor visitor) {
        rooms.forEach(room -> {
            String call = room.call() == null ? null : room.call().id() + '|' + room.call().firstId();
            for (Peer peer : room.peers()) {
                Placement placement = placed.get(peer.id());
                if (placement == null || placement.handingTo == null) {
                    visitor.visit(room.id(), new Seat(peer.id(), node, peer.polite(), peer.away(), Seat.tokenHash(peer.resumeToken()), peer.info().name()), call);
                }
            }
        });
    }

    interface SlotVisitor {
        void visit(String room, Seat seat, String call);
    }
}
