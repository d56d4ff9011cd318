package app.duet.signaling.control;

import app.duet.platform.control.Settings;
import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.EndReason;
import app.duet.signaling.entity.EngineState;
import app.duet.signaling.entity.ErrorCode;
import app.duet.signaling.entity.LeaveReason;
import app.duet.signaling.entity.PeerEvent;
import app.duet.signaling.entity.PeerInfo;
import app.duet.signaling.entity.Quality;
import app.duet.signaling.entity.RoomView;
import app.duet.signaling.entity.SignalingException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The live rooms of a node on its own, in memory (the default engine), kept in a
 * {@link RoomRegistry}: each room under its own lock; sends under the lock only queue frames.
 */
@ApplicationScoped
@Typed(Rooms.class)
public class Rooms implements RoomEngine {

    private static final Logger LOG = Logger.getLogger(Rooms.class.getName());

    private final RoomRegistry rooms = new RoomRegistry();

    @Inject
    Settings settings;

    @Inject
    Event<CallEvent> callEvents;

    @Inject
    Event<PeerEvent> peerEvents;

    @Inject
    HeldMemory memory;

    private CallTracker calls;
    private Retention keep;

    public Rooms() {
    }

    Rooms(Settings settings, Consumer<CallEvent> events) {
        this(settings, events, e -> { });
    }

    Rooms(Settings settings, Consumer<CallEvent> events, Consumer<PeerEvent> peers) {
        this.settings = settings;
        this.calls = new CallTracker(events, peers);
        this.keep = new Retention(settings.resumeBuffer(), settings.resumeBufferBytes(), new HeldMemory(settings.memoryBudgetBytes()));
    }

    @PostConstruct
    void init() {
        calls = new CallTracker(callEvents::fire, peerEvents::fire);
        keep = new Retention(settings.resumeBuffer(), settings.resumeBufferBytes(), memory);
    }

    @Override
    public EngineState state() {
        return EngineState.MEMORY;
    }

    @Override
    public int count() {
        return rooms.count();
    }

    @Override
    public int peerCount() {
        return rooms.peerCount();
    }

    @Override
    public void join(Client client, String roomId, Entry entry, Resume resume) throws SignalingException {
        if (client.membership() != null) {
            throw new SignalingException(ErrorCode.ALREADY_JOINED, "This connection has already joined the room.");
        }
        rooms.inRoom(roomId, room -> {
            if (resume != null) {
                resume(room, client, resume, entry.ice());
            } else {
                enter(room, client, entry);
            }
        });
    }

    private void enter(Room room, Client client, Entry entry) throws SignalingException {
        if (room.full()) {
            throw new SignalingException(ErrorCode.ROOM_FULL, "This room already has two people in a call.");
        }
        Peer other = room.other(null);
        Peer self = new Peer(new PeerInfo(Ids.random(9), entry.name(), entry.user()), room.nextPolite(), Ids.random(24), client);
        room.admit(self);
        client.send(Protocol.joined(self, other == null ? List.of() : List.of(other.info()), entry.ice()));
        calls.joined(room, self.info());
        if (other != null) {
            other.deliver(Protocol.peerJoined(self.info()), keep);
            calls.started(room, UUID.randomUUID().toString(), other.info(), self.info());
        }
    }

    private void resume(Room room, Client client, Resume resume, JsonObject ice) throws SignalingException {
        Peer self = room.byResumeToken(resume.token());
        if (self == null) {
            throw new SignalingException(ErrorCode.BAD_RESUME,
                    "This resume token is unknown or has expired; join the room again.");
        }
        Peer other = room.other(self);
        self.takeOver(room, client, Ids.random(24));
        client.send(Protocol.joined(self, other == null ? List.of() : List.of(other.info()), ice));
        long lost = self.replay(resume.received());
        if (lost > 0) {
            LOG.info(() -> "Peer " + self.id() + " resumed in room " + room.id() + " having missed " + lost
                    + " frames no longer kept; raise duet.resume.buffer if this recurs");
        }
    }

    @Override
    public void relay(Client client, String text) throws SignalingException {
        Client.Membership membership = RoomEngine.joined(client);
        Room room = membership.room();
        synchronized (room) {
            if (membership.peer().client() != client) {
                throw RoomEngine.notJoined();
            }
            Peer other = room.other(membership.peer());
            if (other == null) {
                throw new SignalingException(ErrorCode.NO_PEER, "Nobody else is in the room yet.");
            }
            if (!other.deliver(text, keep)) {
                throw new SignalingException(ErrorCode.NO_PEER,
                        "The other peer is reconnecting and too many messages are waiting for it.");
            }
        }
    }

    @Override
    public void free(Client client, LeaveReason reason) {
        rooms.withOwnSlot(client, (room, peer) -> release(room, peer, reason));
    }

    /** The slot waits {@code resumeGrace} for a resume. */
    @Override
    public void dropped(Client client, long now) {
        rooms.withOwnSlot(client, (room, peer) -> peer.goAway(now + settings.resumeGrace().toNanos()));
    }

    @Override
    public void expire(long now) {
        rooms.forEach(room -> {
            for (Peer peer : List.copyOf(room.peers())) {
                if (peer.away() && now - peer.awayUntil() >= 0) {
                    release(room, peer, LeaveReason.DISCONNECTED);
                }
            }
        });
    }

    @Override
    public List<RoomView> snapshot() {
        List<RoomView> views = new ArrayList<>();
        rooms.forEach(room -> views.add(new RoomView(room.id(), room.peers().stream()
                .map(p -> new RoomView.PeerView(p.id(), p.info().name(), p.polite(), p.away(), null)).toList(),
                room.call() == null ? null : room.call().id())));
        return views;
    }

    /** Its call ends as closed by an admin, its peers are told ({@code room-closed}) and their sockets closed. */
    @Override
    public boolean close(String roomId) {
        Room room = rooms.get(roomId);
        if (room == null) {
            return false;
        }
        synchronized (room) {
            if (room.removed) {
                return false;
            }
            for (Peer peer : room.peers()) {
                calls.left(room.id(), peer.id(), PeerEvent.CLOSED);
            }
            calls.ended(room, EndReason.CLOSED_BY_ADMIN);
            for (Peer peer : List.copyOf(room.peers())) {
                room.free(peer);
                if (peer.client() != null) {
                    peer.client().send(Protocol.error(ErrorCode.ROOM_CLOSED, "An administrator closed this room."));
                    peer.client().link().close(CloseCodes.POLICY, "Room closed by an administrator.");
                }
            }
            rooms.removeIfEmpty(room);
        }
        return true;
    }

    /** A peer's stats report (its path and quality figures, validated by the frame reader). */
    @Override
    public void reportQuality(Client client, Quality report) throws SignalingException {
        RoomEngine.joined(client);
        rooms.withOwnSlot(client, (room, peer) -> calls.qualityReported(room, peer, report));
    }

    private void release(Room room, Peer peer, LeaveReason reason) {
        calls.left(room.id(), peer.id(), reason.wire());
        calls.ended(room, EndReason.of(reason));
        room.free(peer);
        Peer other = room.other(null);
        if (other != null) {
            other.deliver(Protocol.peerLeft(peer.id(), reason), keep);
        }
    }
}
