package app.duet.cluster.control;

import app.duet.cluster.entity.Seat;
import app.duet.signaling.entity.RoomView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rooms as Redis keeps them, in typed calls: each change is one atomic {@link Scripts} run. All
 * calls wait for Redis (at most the directory's timeout) and throw a RedisException when it is
 * away. Ids are base64url and room ids letters, digits, '-' and '_', so they never hold the
 * separators the scripts use.
 */
public final class RoomStore {

    private final RedisDirectory redis;

    public RoomStore(RedisDirectory redis) {
        this.redis = redis;
    }

    /** A join's outcome: refused as full, or admitted with a role and the peer already there (or null). */
    public record Joined(boolean full, boolean polite, Seat other) {
    }

    /** A resume's outcome: the slot as it was (null when the token is unknown), the other peer, the call. */
    public record Resumed(Seat before, Seat other, String callId, String firstPeer) {
    }

    /** A freed slot: whoever is left in the room (or null), and the call that ended (or null). */
    public record Freed(String room, String peer, String other, String callId) {
    }

    /** A room closed: its call (or null), and its peers with their nodes. */
    public record Closed(String callId, List<Seat> peers) {
    }

    public Joined join(String room, String peer, String tokenHash, String name, String callId) {
        List<Object> r = redis.run(Scripts.JOIN, keys(room), peer, redis.node(), tokenHash, name == null ? "" : name, room, callId);
        if ("full".equals(r.get(0))) {
            return new Joined(true, false, null);
        }
        Seat other = r.size() > 2 ? Seat.parse((String) r.get(2), (String) r.get(3)) : null;
        return new Joined(false, "1".equals(r.get(1)), other);
    }

    public Resumed resume(String room, String tokenHash, String newTokenHash) {
        List<Object> r = redis.run(Scripts.RESUME, new String[] {RedisDirectory.roomKey(room)}, tokenHash, redis.node(), newTokenHash, room);
        if ("unknown".equals(r.get(0))) {
            return new Resumed(null, null, null, null);
        }
        String other = (String) r.get(3);
        String[] call = ((String) r.get(5)).split("\\|", 2);
        return new Resumed(Seat.parse((String) r.get(1), (String) r.get(2)),
                other.isEmpty() ? null : Seat.parse(other, (String) r.get(4)),
                call.length == 2 ? call[0] : null, call.length == 2 ? call[1] : null);
    }

    /** Frees a slot this node holds; null when it is no longer this node's (reaped, taken over, closed). */
    public Freed leave(String room, String peer) {
        List<Object> r = redis.run(Scripts.LEAVE, keys(room), peer, redis.node(), room);
        if ("gone".equals(r.get(0))) {
            return null;
        }
        return new Freed(room, peer, emptyToNull(r.get(1)), callOf(r.get(2)));
    }

    public void away(String room, String peer, boolean away) {
        redis.runLater(Scripts.AWAY, new String[] {RedisDirectory.roomKey(room)}, peer, redis.node(), away ? "1" : "0");
    }

    /** Writes again a slot of this node, and its room's call ({@code callId|firstPeer}, or null); false when another node holds it now or the room is full. */
    public boolean register(String room, Seat seat, String call) {
        List<Object> r = redis.run(Scripts.REGISTER, keys(room), seat.peer(), seat.value(), room, call == null ? "" : call);
        return !r.isEmpty() && Long.valueOf(1).equals(r.get(0));
    }

    /** Frees the slots of every other node whose liveness key has expired. */
    public List<Freed> reapDeadNodes() {
        List<Freed> freed = new ArrayList<>();
        for (String node : redis.nodes()) {
            if (node.equals(redis.node())) {
                continue;
            }
            List<Object> r = redis.run(Scripts.REAP,
                    new String[] {RedisDirectory.aliveKey(node), RedisDirectory.seatsKey(node), RedisDirectory.NODES}, node);
            for (int i = 0; i + 3 < r.size(); i += 4) {
                freed.add(new Freed((String) r.get(i), (String) r.get(i + 1), emptyToNull(r.get(i + 2)), callOf(r.get(i + 3))));
            }
        }
        return freed;
    }

    public Closed close(String room) {
        List<Object> r = redis.run(Scripts.CLOSE, new String[] {RedisDirectory.roomKey(room)}, room);
        if (r.isEmpty()) {
            return null;
        }
        List<Seat> peers = new ArrayList<>();
        for (int i = 1; i + 1 < r.size(); i += 2) {
            peers.add(new Seat((String) r.get(i), (String) r.get(i + 1), false, false, "", null));
        }
        return new Closed(callOf(r.get(0)), peers);
    }

    /** Every room of the cluster. */
    public List<RoomView> views() {
        List<RoomView> views = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> room : redis.rooms()) {
            List<RoomView.PeerView> peers = new ArrayList<>();
            String call = null;
            for (Map.Entry<String, String> field : room.getValue().entrySet()) {
                if (field.getKey().equals("~call")) {
                    call = callOf(field.getValue());
                } else {
                    Seat seat = Seat.parse(field.getKey(), field.getValue());
                    peers.add(new RoomView.PeerView(seat.peer(), seat.name(), seat.polite(), seat.away(), seat.node()));
                }
            }
            if (!peers.isEmpty()) {
                views.add(new RoomView(room.getKey(), peers, call));
            }
        }
        return views;
    }

    private String[] keys(String room) {
        return new String[] {RedisDirectory.roomKey(room), RedisDirectory.seatsKey(redis.node())};
    }

    private static String emptyToNull(Object value) {
        return value == null || ((String) value).isEmpty() ? null : (String) value;
    }

    private static String callOf(Object value) {
        String call = emptyToNull(value);
        return call == null ? null : call.split("\\|", 2)[0];
    }
}
