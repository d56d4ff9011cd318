package app.duet.cluster.control;

import app.duet.cluster.entity.Envelope;
import app.duet.cluster.entity.Envelope.Kind;
import app.duet.cluster.entity.Seat;
import app.duet.signaling.control.Client;
import app.duet.signaling.control.Ids;
import app.duet.signaling.control.Peer;
import app.duet.signaling.control.Protocol;
import app.duet.signaling.control.Room;
import app.duet.signaling.control.RoomEngine;
import app.duet.signaling.entity.EndReason;
import app.duet.signaling.entity.ErrorCode;
import app.duet.signaling.entity.LeaveReason;
import app.duet.signaling.entity.PeerInfo;
import app.duet.signaling.entity.SignalingException;
import io.lettuce.core.RedisException;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Joins and resumes in cluster mode: the slot is taken in Redis first (atomically), then placed
 * here. A resume may land on the node that holds the slot (as on a single node) or on another,
 * which then asks the old node to hand the slot's resume buffer over (see {@link Inbox}).
 */
final class Joins {

    private static final Logger LOG = Logger.getLogger(Joins.class.getName());

    private final NodeRooms local;
    private final Inbox inbox;
    private final RedisDirectory redis;
    private final RoomStore store;

    Joins(NodeRooms local, Inbox inbox, RedisDirectory redis, RoomStore store) {
        this.local = local;
        this.inbox = inbox;
        this.redis = redis;
        this.store = store;
    }

    void join(Client client, String roomId, RoomEngine.Entry entry, RoomEngine.Resume resume) throws SignalingException {
        if (client.membership() != null) {
            throw new SignalingException(ErrorCode.ALREADY_JOINED, "This connection has already joined the room.");
        }
        try {
            if (resume != null) {
                resume(client, roomId, resume, entry.ice());
            } else {
                enter(client, roomId, entry);
            }
        } catch (RedisException e) {
            LOG.log(Level.FINE, "Join failed: Redis unreachable", e);
            throw new SignalingException(ErrorCode.UNAVAILABLE, "Rooms cannot be joined right now; try again in a moment.");
        }
    }

    private void enter(Client client, String roomId, RoomEngine.Entry entry) throws SignalingException {
        String name = entry.name();
        String id = Ids.random(9);
        String token = Ids.random(24);
        String callId = UUID.randomUUID().toString();
        local.arrivals.expect(id);
        try {
            redis.subscribe(id);
            RoomStore.Joined joined;
            try {
                joined = store.join(roomId, id, Seat.tokenHash(token), name, callId);
            } catch (RedisException e) {
                // the script may have run with its answer lost: free that slot once Redis answers
                local.upkeep().abandoned(roomId, id);
                redis.unsubscribe(id);
                throw e;
            }
            if (joined.full()) {
                redis.unsubscribe(id);
                throw new SignalingException(ErrorCode.ROOM_FULL, "This room already has two people in a call.");
            }
            local.rooms.inRoom(roomId, room -> {
                Peer self = new Peer(new PeerInfo(id, name, entry.user()), joined.polite(), token, client);
                local.place(room, self);
                Seat seat = joined.other();
                // a first peer on this node is known here with its user; one elsewhere by its seat
                Peer here = seat == null ? null : room.byId(seat.peer());
                PeerInfo other = seat == null ? null : here != null ? here.info() : new PeerInfo(seat.peer(), seat.name());
                client.send(Protocol.joined(self, other == null ? List.of() : List.of(other), entry.ice()));
                local.calls().joined(room, self.info());
                if (other != null) {
                    local.calls().started(room, callId, other, self.info());
                    local.announce(room, other, Envelope.of(Kind.JOINED, id, name == null ? "" : name, callId, Protocol.peerJoined(self.info())));
                }
                local.arrivals.placed(id, envelope -> inbox.apply(room, self, envelope, true));
            });
        } finally {
            local.arrivals.unexpect(id);
        }
    }

    private void resume(Client client, String roomId, RoomEngine.Resume resume, JsonObject ice) throws SignalingException {
        String token = Ids.random(24);
        RoomStore.Resumed resumed = store.resume(roomId, Seat.tokenHash(resume.token()), Seat.tokenHash(token));
        if (resumed.before() == null) {
            throw new SignalingException(ErrorCode.BAD_RESUME, "This resume token is unknown or has expired; join the room again.");
        }
        Seat before = resumed.before();
        if (before.node().equals(redis.node())) {
            if (!resumeHere(client, before.peer(), token, resume.received(), ice)) {
                releaseOrphan(roomId, before.peer());
                throw new SignalingException(ErrorCode.BAD_RESUME, "This slot is gone; join the room again.");
            }
            return;
        }
        Seat other = resumed.other();
        try {
            redis.subscribe(before.peer());
        } catch (RedisException e) {
            // the slot is this node's now, but nothing can reach it: free it once Redis answers
            local.upkeep().departed(roomId, before.peer(), other == null ? null : other.peer(), resumed.callId(), LeaveReason.DISCONNECTED);
            throw e;
        }
        local.rooms.inRoom(roomId, room -> {
            Peer self = new Peer(new PeerInfo(before.peer(), before.name()), before.polite(), token, client);
            self.hold();
            local.place(room, self).movingIn();
            boolean otherHere = other != null && room.byId(other.peer()) != null;
            room.remote(other == null || otherHere ? null : new PeerInfo(other.peer(), other.name()));
            if (resumed.callId() != null) {
                room.call(new Room.ActiveCall(resumed.callId(), resumed.firstPeer()));
            }
            client.send(Protocol.joined(self, other == null ? List.of() : List.of(new PeerInfo(other.peer(), other.name())), ice));
            local.arrivals.awaitHandover(self.id(), resume.received());
        });
        redis.publish(RedisDirectory.nodeChannel(before.node()), Envelope.of(Kind.HAND_OVER, before.peer(), redis.node()))
                .whenComplete((receivers, failure) -> {
                    if (failure != null || receivers == 0) {
                        // the old node is gone: nothing to wait for
                        inbox.later(() -> inbox.handed(before.peer(), -1, 0, List.of()));
                    }
                });
    }

    /**
     * A resume onto the node that already holds the slot: as on a single node (a slot still
     * arriving here keeps waiting for its old node, with the new socket). False when it is not here.
     */
    private boolean resumeHere(Client client, String peerId, String token, Long received, JsonObject ice) {
        Room room = local.roomOf(peerId);
        if (room == null) {
            return false;
        }
        synchronized (room) {
            Peer self = room.byId(peerId);
            Placement placement = local.placement(peerId);
            if (self == null || placement == null || placement.handingTo != null) {
                return false;
            }
            Peer other = room.other(self);
            self.takeOver(room, client, token);
            PeerInfo otherInfo = other != null ? other.info() : room.remote();
            client.send(Protocol.joined(self, otherInfo == null ? List.of() : List.of(otherInfo), ice));
            if (self.holding()) {
                local.arrivals.awaitHandover(peerId, received);
            } else {
                self.replay(received);
            }
            return true;
        }
    }

    /** Redis says this node holds a slot that it does not have: free it, and tell the other peer. */
    private void releaseOrphan(String roomId, String peerId) {
        RoomStore.Freed freed = store.leave(roomId, peerId);
        if (freed != null) {
            local.calls().left(roomId, peerId, LeaveReason.DISCONNECTED.wire());
            local.ended(freed.callId(), EndReason.of(LeaveReason.DISCONNECTED), System.currentTimeMillis());
            if (freed.other() != null) {
                redis.publish(RedisDirectory.peerChannel(freed.other()),
                        Envelope.of(Kind.LEFT, peerId, Protocol.peerLeft(peerId, LeaveReason.DISCONNECTED)));
            }
        }
    }
}
