package app.duet.cluster.control;

import app.duet.cluster.entity.Envelope;
import app.duet.cluster.entity.Envelope.Kind;
import app.duet.signaling.control.Client;
import app.duet.signaling.control.CloseCodes;
import app.duet.signaling.control.Peer;
import app.duet.signaling.control.Protocol;
import app.duet.signaling.control.Room;
import app.duet.signaling.entity.ErrorCode;
import app.duet.signaling.entity.PeerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What other nodes send this one, taken off Lettuce's event loop onto one thread of its own (so
 * that arrival order, and with it each sender's order, is kept) and applied to the local peers.
 * Delivering only queues frames on sockets; nothing here waits for a peer.
 *
 * <p>A slot resumed on another node moves with its resume buffer: the new node subscribes to the
 * peer's channel and asks the old one to hand over; the old node publishes a fence on that
 * channel, and once the fence comes back to it, every frame published before it is in its buffer,
 * which it sends to the new node. The new node drops channel frames that came before the fence and
 * keeps the ones after it, so nothing is lost or doubled and the order stays.
 */
final class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class.getName());
    private static final String PEER_CHANNEL = RedisDirectory.peerChannel("");

    private final NodeRooms state;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "duet-cluster-inbox");
        t.setDaemon(true);
        return t;
    });
    private RedisDirectory redis;

    Inbox(NodeRooms state) {
        this.state = state;
        state.inbox = this;
    }

    void start(RedisDirectory redis) {
        this.redis = redis;
    }

    void stop() {
        thread.shutdownNow();
    }

    /** Called on Lettuce's event loop: only hands the message on. */
    void received(String channel, String message) {
        try {
            thread.execute(() -> handle(channel, message));
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private void handle(String channel, String message) {
        try {
            Envelope envelope = Envelope.decode(message);
            if (!channel.startsWith(PEER_CHANNEL)) {
                switch (envelope.kind()) {
                    case HAND_OVER -> handOver(envelope.field(0), envelope.field(1));
                    case HANDED -> {
                        long total = Long.parseLong(envelope.field(1));
                        handed(envelope.field(0), total, total < 0 ? 0 : Long.parseLong(envelope.field(2)),
                                total < 0 ? List.of() : envelope.fields().subList(3, envelope.fields().size()));
                    }
                    default -> LOG.warning(() -> "Unexpected " + envelope.kind() + " on " + channel);
                }
                return;
            }
            String peer = channel.substring(PEER_CHANNEL.length());
            if (state.arrivals.park(peer, envelope)) {
                return;
            }
            Room room = state.roomOf(peer);
            if (room != null) {
                synchronized (room) {
                    Peer target = room.byId(peer);
                    if (target != null) {
                        apply(room, target, envelope, true);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Failed to handle a message from another node on " + channel, e);
        }
    }

    /** Applies an envelope to a peer of this node, under its room's lock. */
    void apply(Room room, Peer peer, Envelope envelope, boolean viaRedis) {
        Placement placement = state.placement(peer.id());
        List<String> early = viaRedis && placement != null && placement.awaitingFence ? placement.early : null;
        switch (envelope.kind()) {
            case FRAME -> deliver(peer, envelope.field(0), early);
            case JOINED -> {
                if (viaRedis) {
                    PeerInfo remote = new PeerInfo(envelope.field(0), envelope.field(1).isEmpty() ? null : envelope.field(1));
                    room.remote(remote);
                    // the first peer's node records the start as the joiner's node does:
                    // whichever node lives to write it, the history keeps one record
                    state.calls().started(room, envelope.field(2), peer.info(), remote);
                } else {
                    room.call(new Room.ActiveCall(envelope.field(2), peer.id()));
                }
                deliver(peer, envelope.field(3), early);
            }
            case LEFT -> {
                if (envelope.field(0).equals(NodeRooms.remoteId(room))) {
                    room.remote(null);
                }
                state.calls().flush(room); // the last stats report of this node's peer, held back
                room.call(null);
                deliver(peer, envelope.field(1), early);
            }
            case FENCE -> {
                if (envelope.field(0).equals(state.node)) {
                    finishHandover(room, peer);
                } else if (placement != null) {
                    placement.awaitingFence = false;
                }
            }
            case CLOSED -> closeHere(room, peer);
            default -> LOG.warning(() -> "Unexpected " + envelope.kind() + " for peer " + peer.id());
        }
    }

    /** Delivers a frame, or keeps it apart when it came before the old node's fence. */
    private void deliver(Peer peer, String text, List<String> early) {
        if (early != null) {
            early.add(text);
        } else {
            peer.deliver(text, state.keep);
        }
    }

    /** Runs {@code task} on the inbox thread, in turn with what other nodes send. */
    void later(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** Another node took over a slot of this one: close the old socket, then fence the channel. */
    private void handOver(String peerId, String toNode) {
        Room room = state.roomOf(peerId);
        Peer peer = null;
        if (room != null) {
            synchronized (room) {
                peer = room.byId(peerId);
                if (peer != null && peer.holding()) {
                    // it had not finished arriving here: what it has cannot be handed on, let it go
                    LOG.info(() -> "Peer " + peerId + " moved on before its handover to this node ended; frames held here are dropped");
                    state.arrivals.handedOver(peerId);
                    state.forget(room, peer);
                    state.rooms.removeIfEmpty(room);
                    peer = null;
                } else if (peer != null) {
                    Client previous = peer.client();
                    if (previous != null) {
                        peer.goAway(0);
                        previous.link().close(CloseCodes.REPLACED, "Replaced by a resumed connection.");
                    }
                    Placement placement = state.placement(peerId);
                    if (placement != null) {
                        placement.handingTo = toNode;
                        placement.handingSince = System.nanoTime();
                    }
                }
            }
        }
        if (peer == null) {
            redis.publish(RedisDirectory.nodeChannel(toNode), Envelope.of(Kind.HANDED, peerId, "-1"));
        } else {
            redis.publish(RedisDirectory.peerChannel(peerId), Envelope.of(Kind.FENCE, state.node));
        }
    }

    /**
     * The fence came back (or did not in time): every frame for the peer is in its buffer. Send
     * them on and let it go. Under the room's lock.
     */
    void finishHandover(Room room, Peer peer) {
        Placement placement = state.placement(peer.id());
        String toNode = placement == null ? null : placement.handingTo;
        if (toNode == null) {
            return;
        }
        List<String> fields = new ArrayList<>();
        fields.add(peer.id());
        fields.add(Long.toString(peer.delivered()));
        fields.add(Long.toString(peer.deliveredWhenAway()));
        fields.addAll(peer.kept());
        state.forget(room, peer);
        Peer other = room.other(null);
        if (other != null) {
            // the peer that moved is remote to the one that stays here now
            room.remote(new PeerInfo(peer.id(), peer.info().name()));
        }
        state.rooms.removeIfEmpty(room);
        redis.publish(RedisDirectory.nodeChannel(toNode), new Envelope(Kind.HANDED, fields));
    }

    /** The old node's frames arrived (or it never answered: {@code total} -1, nothing to replay). */
    void handed(String peerId, long total, long awaySince, List<String> frames) {
        long[] wait = state.arrivals.handedOver(peerId);
        Room room = state.roomOf(peerId);
        if (wait == null || room == null) {
            return;
        }
        Long received = wait[1] < 0 ? null : wait[1];
        synchronized (room) {
            Peer peer = room.byId(peerId);
            Placement placement = state.placement(peerId);
            if (peer != null && peer.holding() && placement != null) {
                long count = total >= 0 ? total : received == null ? 0 : received;
                long lost = peer.adopt(count, total >= 0 ? awaySince : count, frames, received, placement.arrived(total >= 0), state.keep);
                if (total < 0 || lost > 0) {
                    LOG.info(() -> "Peer " + peerId + " moved to this node; frames it may have missed: "
                            + (total < 0 ? "unknown (the old node did not answer)" : lost));
                }
            }
        }
    }

    private void closeHere(Room room, Peer peer) {
        Client client = peer.client();
        state.forget(room, peer);
        room.call(null);
        state.rooms.removeIfEmpty(room);
        if (client != null) {
            client.send(Protocol.error(ErrorCode.ROOM_CLOSED, "An administrator closed this room."));
            client.link().close(CloseCodes.POLICY, "Room closed by an administrator.");
        }
    }
}
