package app.duet.signaling.control;

import app.duet.cluster.control.RedisDirectory;
import app.duet.cluster.control.RoomStore;
import app.duet.cluster.entity.Envelope;
import app.duet.cluster.entity.Envelope.Kind;
import app.duet.cluster.entity.Seat;
import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.EndReason;
import app.duet.signaling.entity.LeaveReason;
import io.lettuce.core.RedisException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * A cluster node's own part of the rooms: the peers whose sockets it holds, by room, each room
 * under its own lock as in {@link Rooms}, and the peers on their way here (joining, or resuming
 * from another node).
 */
final class ClusterState {

    private static final Logger LOG = Logger.getLogger(ClusterState.class.getName());

    final String node;
    final Retention keep;
    private final CallTracker calls;
    private final Consumer<CallEvent> events;
    final RoomRegistry rooms = new RoomRegistry();
    private final ConcurrentMap<String, Room> roomOfPeer = new ConcurrentHashMap<>();
    final ClusterArrivals arrivals = new ClusterArrivals();
    ClusterInbox inbox;
    private RedisDirectory redis;
    private RoomStore store;
    private ClusterUpkeep upkeep;

    ClusterState(String node, Retention keep, Consumer<CallEvent> events) {
        this.node = node;
        this.keep = keep;
        this.events = events;
        this.calls = new CallTracker(events);
    }

    void connect(RedisDirectory redis, RoomStore store, ClusterUpkeep upkeep) {
        this.redis = redis;
        this.store = store;
        this.upkeep = upkeep;
    }

    ClusterUpkeep upkeep() {
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

    void place(Room room, Peer peer) {
        room.add(peer);
        roomOfPeer.put(peer.id(), room);
        peer.client.attach(room, peer);
    }

    Room roomOf(String peer) {
        return roomOfPeer.get(peer);
    }

    /** Tells the other peer something: in memory when it is here, else on its channel. */
    void announce(Room room, String otherId, Envelope envelope) {
        Peer other = room.byId(otherId);
        if (other != null) {
            inbox.apply(room, other, envelope, false);
        } else {
            room.remoteId = otherId;
            redis.publish(RedisDirectory.peerChannel(otherId), envelope);
        }
    }

    /** Under the room's lock: frees the slot here and in Redis, and tells the other peer. */
    void release(Room room, Peer peer, LeaveReason reason) {
        String callId = room.call == null ? null : room.call.id();
        forget(room, peer);
        Peer other = room.other(null);
        RoomStore.Freed freed;
        try {
            freed = store.leave(room.id, peer.id());
        } catch (RedisException e) {
            upkeep.departed(room.id, peer.id(), other == null ? room.remoteId : null, callId, reason);
            if (other != null) {
                other.deliver(Protocol.peerLeft(peer.id(), reason), keep);
            }
            return;
        }
        room.call = null;
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
        room.remove(peer);
        if (peer.id().equals(room.remoteId)) {
            room.remoteId = null;
            room.remoteName = null;
        }
        roomOfPeer.remove(peer.id(), room);
        if (peer.client != null) {
            peer.client.detach();
        }
        if (room.other(null) == null) {
            room.call = null;
        }
        redis.unsubscribe(peer.id());
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
                if (peer.handingTo != null) {
                    if (now - peer.handingSince > ClusterArrivals.HANDOVER_WAIT) {
                        inbox.finishHandover(room, peer); // its own fence never came back
                    }
                } else if (peer.away() && !peer.holding() && now - peer.awayUntil >= 0) {
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
            String call = room.call == null ? null : room.call.id() + '|' + room.call.firstId();
            for (Peer peer : room.peers()) {
                if (peer.handingTo == null) {
                    visitor.visit(room.id, new Seat(peer.id(), node, peer.polite, peer.away(), Ids.hash(peer.resumeToken), peer.info.name()), call);
                }
            }
        });
    }

    interface SlotVisitor {
        void visit(String room, Seat seat, String call);
    }
}
