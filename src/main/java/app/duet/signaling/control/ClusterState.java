package app.duet.signaling.control;

import app.duet.cluster.control.RedisDirectory;
import app.duet.cluster.control.RoomStore;
import app.duet.cluster.entity.Envelope;
import app.duet.cluster.entity.Envelope.Kind;
import app.duet.cluster.entity.Seat;
import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.EndReason;
import app.duet.signaling.entity.LeaveReason;
import app.duet.signaling.entity.PeerInfo;
import app.duet.signaling.entity.SignalingException;
import io.lettuce.core.RedisException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A cluster node's own part of the rooms: the peers whose sockets it holds, by room, each room
 * under its own lock as in {@link Rooms}. It also keeps what must reach Redis once Redis is back:
 * slots freed during an outage, and the whole membership of this node after Redis lost it.
 */
final class ClusterState {

    private static final Logger LOG = Logger.getLogger(ClusterState.class.getName());
    /** How long a slot arriving from another node waits for that node to hand over its frames. */
    private static final long HANDOVER_WAIT = 3_000_000_000L;

    final String node;
    final int keep;
    /** After an outage, how long nobody is taken for dead: the node TTL and two seconds. */
    private final long grace;
    private final CallTracker calls;
    private final Consumer<CallEvent> events;
    private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Room> roomOfPeer = new ConcurrentHashMap<>();
    /** Peers admitted in Redis whose slot is not placed here yet: what arrives for them waits. */
    private final ConcurrentMap<String, List<Envelope>> expected = new ConcurrentHashMap<>();
    /** Slots arriving from another node: when their wait started and the count the peer gave. */
    private final ConcurrentMap<String, long[]> arriving = new ConcurrentHashMap<>();
    /** Slots freed while Redis was away: "room peer" → reason and when. */
    private final ConcurrentMap<String, Departure> departures = new ConcurrentHashMap<>();
    ClusterInbox inbox;
    private RedisDirectory redis;
    private RoomStore store;
    private volatile long quietUntil;
    private volatile boolean rewrite;

    private record Departure(Room room, String peer, LeaveReason reason, long at) {
    }

    ClusterState(String node, int keep, long grace, Consumer<CallEvent> events) {
        this.node = node;
        this.grace = grace;
        this.keep = keep;
        this.events = events;
        this.calls = new CallTracker(events);
    }

    void connect(RedisDirectory redis, RoomStore store) {
        this.redis = redis;
        this.store = store;
        quietUntil = System.nanoTime();
    }

    CallTracker calls() {
        return calls;
    }

    /** Redis is back: write this node's slots again, and free nobody else's for a while. */
    void reconnected() {
        quietUntil = Math.max(quietUntil, System.nanoTime() + grace);
        rewrite = true;
    }

    int roomCount() {
        return rooms.size();
    }

    int peerCount() {
        int peers = 0;
        for (Room room : rooms.values()) {
            peers += room.peers().size();
        }
        return peers;
    }

    interface RoomAction {
        void run(Room room) throws SignalingException;
    }

    /** Runs {@code action} under the lock of this node's view of the room, made if need be. */
    void admit(String roomId, RoomAction action) throws SignalingException {
        while (true) {
            Room room = rooms.computeIfAbsent(roomId, Room::new);
            synchronized (room) {
                if (room.removed) {
                    continue;
                }
                try {
                    action.run(room);
                } finally {
                    removeIfEmpty(room);
                }
                return;
            }
        }
    }

    void place(Room room, Peer peer) {
        room.add(peer);
        roomOfPeer.put(peer.id(), room);
        peer.client.attach(room, peer);
    }

    void expect(String peer) {
        expected.put(peer, new ArrayList<>());
    }

    void unexpect(String peer) {
        expected.remove(peer);
    }

    /** The peer is placed: what came for it meanwhile is applied now, under the room's lock. */
    void arrived(Peer peer, Room room) {
        List<Envelope> waiting = expected.get(peer.id());
        if (waiting != null) {
            synchronized (waiting) {
                expected.remove(peer.id());
                waiting.forEach(envelope -> inbox.apply(room, peer, envelope, true));
            }
        }
    }

    /** Keeps an envelope for a peer not placed yet; false when it is placed (or unknown). */
    boolean park(String peer, Envelope envelope) {
        List<Envelope> waiting = expected.get(peer);
        if (waiting == null) {
            return false;
        }
        synchronized (waiting) {
            if (expected.get(peer) != waiting) {
                return false;
            }
            waiting.add(envelope);
            return true;
        }
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

    void awaitHandover(String peer, Long received) {
        arriving.put(peer, new long[] {System.nanoTime(), received == null ? -1 : received});
    }

    /** The handover wait of a peer ends; its count, or null when it was not waiting. */
    long[] handedOver(String peer) {
        return arriving.remove(peer);
    }

    /** A resume onto the node that already holds the slot: as on a single node. False when it is not here. */
    boolean resumeHere(Client client, String roomId, String peerId, String token, Long received) {
        Room room = roomOfPeer.get(peerId);
        if (room == null) {
            return false;
        }
        synchronized (room) {
            Peer self = room.byId(peerId);
            if (self == null || self.holding()) {
                return false;
            }
            Client previous = self.client;
            if (previous != null) {
                previous.detach();
                previous.link().close(CloseCodes.REPLACED, "Replaced by a resumed connection.");
            }
            Peer other = room.other(self);
            self.rebind(client, token);
            client.attach(room, self);
            String otherId = other != null ? other.id() : room.remoteId;
            client.send(Protocol.joined(self, otherId == null ? List.of() : List.of(otherInfo(room, other, otherId))));
            self.replay(received);
            return true;
        }
    }

    private static PeerInfo otherInfo(Room room, Peer other, String otherId) {
        return other != null ? other.info : new PeerInfo(otherId, room.remoteName);
    }

    void withOwnSlot(Client client, BiConsumer<Room, Peer> action) {
        Client.Membership membership = client.membership();
        if (membership == null) {
            return;
        }
        Room room = membership.room();
        synchronized (room) {
            if (membership.peer().client == client) {
                action.accept(room, membership.peer());
            }
            removeIfEmpty(room);
        }
    }

    /** Under the room's lock: frees the slot here and in Redis, and tells the other peer. */
    void release(Room room, Peer peer, LeaveReason reason) {
        forget(room, peer);
        Peer other = room.other(null);
        RoomStore.Freed freed;
        try {
            freed = store.leave(room.id, peer.id());
        } catch (RedisException e) {
            departures.put(room.id + ' ' + peer.id(), new Departure(room, peer.id(), reason, System.currentTimeMillis()));
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
        roomOfPeer.remove(peer.id(), room);
        if (peer.client != null) {
            peer.client.detach();
        }
        if (room.other(null) == null) {
            room.call = null;
        }
        redis.unsubscribe(peer.id());
    }

    private void ended(String callId, EndReason reason, long at) {
        if (callId != null) {
            events.accept(new CallEvent.Ended(callId, at, reason));
        }
    }

    /** Each heartbeat tick: expired slots, liveness, catching up after an outage, dead nodes. */
    void expire(long now) {
        for (Room room : rooms.values()) {
            synchronized (room) {
                for (Peer peer : List.copyOf(room.peers())) {
                    if (peer.away() && !peer.holding() && now - peer.awayUntil >= 0) {
                        release(room, peer, LeaveReason.DISCONNECTED);
                    }
                }
                removeIfEmpty(room);
            }
        }
        arriving.forEach((peer, wait) -> {
            if (now - wait[0] > HANDOVER_WAIT) {
                inbox.handed(peer, -1, List.of());
            }
        });
        try {
            redis.alive();
            if (rewrite) {
                rewrite = false;
                rewrite();
            }
            retryDepartures();
            if (now - quietUntil >= 0 && redis.connected()) {
                reapDeadNodes();
            }
        } catch (RedisException e) {
            // Redis is away, or hangs: other nodes cannot renew their keys either, so take nobody
            // for dead until every node has had a full TTL to renew after Redis answers again
            quietUntil = Math.max(quietUntil, System.nanoTime() + grace);
            LOG.log(Level.FINE, "Redis unreachable during the heartbeat tick", e);
        }
    }

    private void rewrite() {
        int written = 0;
        for (Room room : rooms.values()) {
            synchronized (room) {
                for (Peer peer : room.peers()) {
                    Seat seat = new Seat(peer.id(), node, peer.polite, peer.away(), Ids.hash(peer.resumeToken), peer.info.name());
                    if (store.register(room.id, seat, room.call == null ? null : room.call.id(), room.call == null ? null : room.call.firstId())) {
                        written++;
                    }
                }
            }
        }
        int count = written;
        LOG.info(() -> "Redis is back: wrote this node's " + count + " slots again");
    }

    private void retryDepartures() {
        for (Map.Entry<String, Departure> entry : departures.entrySet()) {
            Departure d = entry.getValue();
            RoomStore.Freed freed = store.leave(d.room().id, d.peer());
            departures.remove(entry.getKey());
            if (freed != null) {
                ended(freed.callId(), EndReason.of(d.reason()), d.at());
                if (freed.other() != null && d.room().byId(freed.other()) == null) {
                    redis.publish(RedisDirectory.peerChannel(freed.other()),
                            Envelope.of(Kind.LEFT, d.peer(), Protocol.peerLeft(d.peer(), d.reason())));
                }
            }
        }
    }

    private void reapDeadNodes() {
        for (RoomStore.Freed freed : store.reapDeadNodes()) {
            LOG.info(() -> "Node gone: freed slot " + freed.peer() + " in room " + freed.room());
            ended(freed.callId(), EndReason.of(LeaveReason.TIMEOUT), System.currentTimeMillis());
            if (freed.other() != null) {
                redis.publish(RedisDirectory.peerChannel(freed.other()),
                        Envelope.of(Kind.LEFT, freed.peer(), Protocol.peerLeft(freed.peer(), LeaveReason.TIMEOUT)));
            }
        }
    }

    void removeIfEmpty(Room room) {
        if (room.empty() && !room.removed) {
            room.removed = true;
            rooms.remove(room.id, room);
        }
    }
}
