package app.duet.cluster.control;

import app.duet.cluster.entity.Envelope;
import app.duet.cluster.entity.Envelope.Kind;
import app.duet.signaling.control.Protocol;
import app.duet.signaling.entity.EndReason;
import app.duet.signaling.entity.LeaveReason;
import io.lettuce.core.RedisException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a node does for the cluster once per heartbeat tick: renew its liveness key, write its
 * slots again after Redis came back (it may have lost them), free in Redis the slots freed here
 * while it was away (and tell the other side then), and free the slots of nodes found dead —
 * but never while Redis has just been away: other nodes could not renew their keys either, so
 * nobody is taken for dead until each has had a full TTL to renew after Redis answers again.
 */
final class Upkeep {

    private static final Logger LOG = Logger.getLogger(Upkeep.class.getName());

    private final NodeRooms local;
    private final RedisDirectory redis;
    private final RoomStore store;
    /** The node TTL and two seconds. */
    private final long grace;
    /** Slots freed while Redis was away: "room peer" → what to tell once it is back (reason null: nothing). */
    private final ConcurrentMap<String, Departure> departures = new ConcurrentHashMap<>();
    private volatile long quietUntil = System.nanoTime();
    private volatile boolean rewrite;

    private record Departure(String room, String peer, String other, String callId, LeaveReason reason, long at) {
    }

    Upkeep(NodeRooms local, RedisDirectory redis, RoomStore store, long grace) {
        this.local = local;
        this.redis = redis;
        this.store = store;
        this.grace = grace;
    }

    /** Redis is back (Lettuce reconnected): write this node's slots again, and free nobody else's for a while. */
    void reconnected() {
        quietUntil = Math.max(quietUntil, System.nanoTime() + grace);
        rewrite = true;
    }

    /** A slot freed here that Redis could not be told about; {@code other} is the remote peer to tell, if any. */
    void departed(String room, String peer, String other, String callId, LeaveReason reason) {
        departures.put(room + ' ' + peer, new Departure(room, peer, other, callId, reason, System.currentTimeMillis()));
    }

    /** A join whose answer never came: its slot, if Redis made it, is freed without telling anyone. */
    void abandoned(String room, String peer) {
        departures.put(room + ' ' + peer, new Departure(room, peer, null, null, null, System.currentTimeMillis()));
    }

    void tick(long now) {
        try {
            redis.alive();
            if (rewrite) {
                rewrite = false;
                rewrite();
            }
            catchUp();
            if (now - quietUntil >= 0 && redis.connected()) {
                reapDeadNodes();
            }
        } catch (RedisException e) {
            quietUntil = Math.max(quietUntil, System.nanoTime() + grace);
            LOG.log(Level.FINE, "Redis unreachable during the heartbeat tick", e);
        }
    }

    private void rewrite() {
        int[] written = {0};
        local.eachSlot((room, seat, call) -> {
            if (store.register(room, seat, call)) {
                written[0]++;
            }
        });
        LOG.info(() -> "Redis is back: wrote this node's " + written[0] + " slots again");
    }

    private void catchUp() {
        for (Map.Entry<String, Departure> entry : departures.entrySet()) {
            Departure d = entry.getValue();
            RoomStore.Freed freed = store.leave(d.room(), d.peer());
            departures.remove(entry.getKey());
            if (d.reason() == null) {
                continue;
            }
            String callId = freed != null ? freed.callId() : d.callId();
            String other = freed != null ? freed.other() : d.other();
            local.ended(callId, EndReason.of(d.reason()), d.at());
            if (other != null && (d.other() != null || local.roomOf(other) == null)) {
                tellLeft(other, d.peer(), d.reason());
            }
        }
    }

    private void reapDeadNodes() {
        for (RoomStore.Freed freed : store.reapDeadNodes()) {
            LOG.info(() -> "Node gone: freed slot " + freed.peer() + " in room " + freed.room());
            local.calls().left(freed.room(), freed.peer(), LeaveReason.TIMEOUT.wire());
            local.ended(freed.callId(), EndReason.of(LeaveReason.TIMEOUT), System.currentTimeMillis());
            if (freed.other() != null) {
                tellLeft(freed.other(), freed.peer(), LeaveReason.TIMEOUT);
            }
        }
    }

    private void tellLeft(String to, String left, LeaveReason reason) {
        redis.publish(RedisDirectory.peerChannel(to), Envelope.of(Kind.LEFT, left, Protocol.peerLeft(left, reason)));
    }
}
