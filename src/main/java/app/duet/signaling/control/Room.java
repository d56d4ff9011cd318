package app.duet.signaling.control;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A room of two slots. All access is under the room's own lock (see {@link Rooms}). */
final class Room {

    static final int CAPACITY = 2;

    final String id;
    private final List<Peer> peers = new ArrayList<>(CAPACITY);
    /** Set once the room has been taken out of the registry; a joiner then makes a new one. */
    boolean removed;
    /** The call in progress (both slots taken since), or null. */
    ActiveCall call;
    /** Cluster mode: the other peer when it is held by another node, else null. */
    String remoteId;
    /** Cluster mode: that remote peer's display name, or null. */
    String remoteName;

    /** A call: its id and the id of the peer that was in the room first. */
    record ActiveCall(String id, String firstId) {
    }

    Room(String id) {
        this.id = id;
    }

    boolean full() {
        return peers.size() >= CAPACITY;
    }

    boolean empty() {
        return peers.isEmpty();
    }

    List<Peer> peers() {
        return peers;
    }

    void add(Peer peer) {
        peers.add(peer);
    }

    /** Frees the slot, and the frames it kept for a resume. */
    void remove(Peer peer) {
        peers.remove(peer);
        peer.forget();
    }

    boolean holds(Peer peer) {
        return peers.contains(peer);
    }

    Peer other(Peer peer) {
        for (Peer p : peers) {
            if (p != peer) {
                return p;
            }
        }
        return null;
    }

    /** A newcomer takes the role opposite to whoever is there, so roles never clash. */
    boolean nextPolite() {
        return !peers.isEmpty() && !peers.get(0).polite;
    }

    Peer byId(String id) {
        for (Peer p : peers) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        return null;
    }

    Peer byResumeToken(String token) {
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        Peer found = null;
        for (Peer p : peers) {
            if (MessageDigest.isEqual(given, p.resumeToken.getBytes(StandardCharsets.UTF_8))) {
                found = p;
            }
        }
        return found;
    }
}
