package app.duet.cluster.control;

import app.duet.cluster.entity.Envelope.Kind;
import app.duet.cluster.entity.Envelope;
import app.duet.cluster.entity.Seat;
import app.duet.platform.control.Settings;
import app.duet.signaling.control.Client;
import app.duet.signaling.control.HeldMemory;
import app.duet.signaling.control.Ids;
import app.duet.signaling.control.Peer;
import app.duet.signaling.control.Protocol;
import app.duet.signaling.control.Retention;
import app.duet.signaling.control.Room;
import app.duet.signaling.control.RoomEngine;
import app.duet.signaling.control.SignalingMetrics;
import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.EndReason;
import app.duet.signaling.entity.EngineState;
import app.duet.signaling.entity.ErrorCode;
import app.duet.signaling.entity.LeaveReason;
import app.duet.signaling.entity.PeerEvent;
import app.duet.signaling.entity.Quality;
import app.duet.signaling.entity.RoomView;
import app.duet.signaling.entity.SignalingException;
import io.lettuce.core.RedisException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;

/**
 * Rooms shared by several nodes through Redis ({@code DUET_REDIS_URL}). Membership lives in Redis
 * and changes only through atomic scripts; each node keeps the peers whose sockets it holds (with
 * their resume buffers) in {@link NodeRooms}, working on them through signaling's engine seam
 * (see {@link RoomEngine}). A frame for a peer on this node is delivered in
 * memory; one for a peer elsewhere is published once on that peer's channel, and the node holding
 * it delivers it ({@link Inbox}). A node that dies stops renewing its liveness key; when it
 * expires, another node frees its slots and tells the peers left behind. Chosen by
 * {@link SharedRoomsOption} when {@code DUET_REDIS_URL} is set.
 */
@ApplicationScoped
@Typed(SharedRooms.class)
public class SharedRooms implements RoomEngine {

    private static final Logger LOG = Logger.getLogger(SharedRooms.class.getName());

    @Inject
    Settings settings;

    @Inject
    Event<CallEvent> callEvents;

    @Inject
    Event<PeerEvent> peerEvents;

    @Inject
    SignalingMetrics metrics;

    @Inject
    HeldMemory memory;

    private NodeRooms local;
    private Inbox inbox;
    private RedisDirectory redis;
    private RoomStore store;
    private volatile Upkeep upkeep;
    private Joins joins;

    @PostConstruct
    void start() {
        String node = "node-" + Ids.random(6);
        local = new NodeRooms(node, new Retention(settings.resumeBuffer(), settings.resumeBufferBytes(), memory),
                callEvents::fire, peerEvents::fire);
        inbox = new Inbox(local);
        redis = new RedisDirectory(settings.redisUrl(), node, settings.nodeTtl(), inbox::received, () -> upkeep.reconnected());
        store = new RoomStore(redis);
        upkeep = new Upkeep(local, redis, store, settings.nodeTtl().toNanos() + 2_000_000_000L);
        local.connect(redis, store, upkeep);
        inbox.start(redis);
        joins = new Joins(local, inbox, redis, store);
        LOG.info(() -> "Cluster mode: node " + node + " shares rooms through Redis");
    }

    @PreDestroy
    void stop() {
        inbox.stop();
        redis.close();
    }

    @Override
    public void join(Client client, String roomId, Entry entry, Resume resume) throws SignalingException {
        joins.join(client, roomId, entry, resume);
    }

    @Override
    public void relay(Client client, String text) throws SignalingException {
        Client.Membership membership = RoomEngine.joined(client);
        Room room = membership.room();
        String remote;
        synchronized (room) {
            if (membership.peer().client() != client) {
                throw RoomEngine.notJoined();
            }
            Peer other = room.other(membership.peer());
            if (other != null) {
                if (!other.deliver(text, local.keep)) {
                    throw new SignalingException(ErrorCode.NO_PEER, "The other peer is reconnecting and too many messages are waiting for it.");
                }
                return;
            }
            remote = NodeRooms.remoteId(room);
        }
        if (remote == null) {
            throw new SignalingException(ErrorCode.NO_PEER, "Nobody else is in the room yet.");
        }
        redis.publish(RedisDirectory.peerChannel(remote), Envelope.of(Kind.FRAME, text)).whenComplete((receivers, failure) -> {
            if (failure != null || receivers == 0) {
                metrics.error(ErrorCode.UNDELIVERED);
                client.send(Protocol.error(ErrorCode.UNDELIVERED,
                        "The other peer's server could not be reached; this message was not delivered."));
            }
        });
    }

    @Override
    public void free(Client client, LeaveReason reason) {
        local.rooms.withOwnSlot(client, (room, peer) -> local.release(room, peer, reason));
    }

    @Override
    public void dropped(Client client, long now) {
        local.rooms.withOwnSlot(client, (room, peer) -> {
            peer.goAway(now + settings.resumeGrace().toNanos());
            try {
                store.away(room.id(), peer.id(), true);
            } catch (RedisException e) {
                // the admin view shows it away after the next rewrite
            }
        });
    }

    @Override
    public void expire(long now) {
        local.expire(now);
    }

    @Override
    public void reportQuality(Client client, Quality report) throws SignalingException {
        RoomEngine.joined(client);
        local.rooms.withOwnSlot(client, (room, peer) -> local.calls().qualityReported(room, peer, report));
    }

    @Override
    public List<RoomView> snapshot() {
        try {
            return store.views();
        } catch (RedisException e) {
            throw new IllegalStateException("The cluster's rooms cannot be read: Redis is unreachable.", e);
        }
    }

    @Override
    public boolean close(String roomId) {
        RoomStore.Closed closed;
        try {
            closed = store.close(roomId);
        } catch (RedisException e) {
            throw new IllegalStateException("The room cannot be closed: Redis is unreachable.", e);
        }
        if (closed == null) {
            return false;
        }
        for (Seat seat : closed.peers()) {
            local.calls().left(roomId, seat.peer(), PeerEvent.CLOSED);
        }
        if (closed.callId() != null) {
            callEvents.fire(new CallEvent.Ended(closed.callId(), System.currentTimeMillis(), EndReason.CLOSED_BY_ADMIN));
        }
        for (Seat seat : closed.peers()) {
            redis.publish(RedisDirectory.peerChannel(seat.peer()), Envelope.of(Kind.CLOSED));
        }
        return true;
    }

    @Override
    public int count() {
        return local.roomCount();
    }

    @Override
    public int peerCount() {
        return local.peerCount();
    }

    @Override
    public EngineState state() {
        int nodes;
        try {
            nodes = redis.nodes().size();
        } catch (RedisException e) {
            nodes = 0;
        }
        return new EngineState("redis", redis.connected(), redis.node(), nodes);
    }
}
