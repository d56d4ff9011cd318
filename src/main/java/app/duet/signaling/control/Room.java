package app.duet.signaling.control;

import app.duet.signaling.entity.PeerInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * A room of two slots, part of the seam room engines work through (see {@link RoomEngine}). All
 * access is under the room's own lock, taken by the {@link RoomRegistry} that holds it.
 */
public final class Room {

    static final int CAPACITY = 2;

    private final String id;
    private final List<Peer> peers = new ArrayList<>(CAPACITY);
    /** Set once the room has been taken out of the registry; a joiner then makes a new one. */
    boolean removed;
    private ActiveCall call;
    private PeerInfo remote;

    /** A call: its id and the id of the peer that was in the room first. */
    public record ActiveCall(String id, String firstId) {
    }

    Room(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    boolean full() {
        return peers.size() >= CAPACITY;
    }

    boolean empty() {
        return peers.isEmpty();
    }

    /** The slots held here (a copy may be needed to free one while going through them). */
    public List<Peer> peers() {
        return peers;
    }

    /** The call in progress (both slots taken since), or null. */
    public ActiveCall call() {
        return call;
    }

    public void call(ActiveCall call) {
        this.call = call;
    }

    /**
     * The other peer when it holds its slot somewhere else (an engine that spreads a room over
     * several nodes): known by its id and name only. Null when it is here or there is none.
     */
    public PeerInfo remote() {
        return remote;
    }

    public void remote(PeerInfo remote) {
        this.remote = remote;
    }

    /** Admits a slot: it joins the room and its socket holds it. */
    public void admit(Peer peer) {
        peers.add(peer);
        peer.client().attach(this, peer);
    }

    /** Frees a slot: out of the room, with the frames it kept; its socket, if any, holds none. */
    public void free(Peer peer) {
        peers.remove(peer);
        peer.forget();
        if (peer.client() != null) {
            peer.client().detach();
        }
    }

    /** The slot other than {@code peer} held here (any, when {@code peer} is null), or null. */
    public Peer other(Peer peer) {
        for (Peer p : peers) {
            if (p != peer) {
                return p;
            }
        }
        return null;
    }

    /** A newcomer takes the role opposite to whoever is there, so roles never clash. */
    boolean nextPolite() {
        return !peers.isEmpty() && !peers.get(0).polite();
    }

    public Peer byId(String id) {
        for (Peer p : peers) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        return null;
    }

    /** The slot whose resume token this is (compared in constant time), or null. */
    public Peer byResumeToken(String token) {
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        Peer found = null;
        for (Peer p : peers) {
            if (MessageDigest.isEqual(given, p.resumeToken().getBytes(StandardCharsets.UTF_8))) {
                found = p;
            }
        }
        return found;
    }
}
