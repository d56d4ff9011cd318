package app.duet.signaling.control;

import app.duet.signaling.entity.PeerInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One slot of a room. It numbers the frames delivered to it and keeps the last few, so a peer that
 * resumes after a blip gets again what it missed, including frames written to a socket that was
 * already dead before the server noticed. Guarded by the lock of its {@link Room}.
 */
final class Peer {

    final PeerInfo info;
    final boolean polite;
    String resumeToken;
    Client client;
    long awayUntil;
    private final ArrayDeque<String> recent = new ArrayDeque<>();
    /** Bytes of {@link #recent}, taken from the shared budget; those of frames waiting while away. */
    private long keptBytes;
    private long awayBytes;
    private HeldMemory memory;
    private long delivered;
    private long deliveredWhenAway;
    /** Cluster mode: frames kept back while the slot moves here from another node, else null. */
    private List<String> held;
    /** Cluster mode: frames from Redis before the old node's fence: the old node's to hand over. */
    private List<String> early;
    boolean awaitingFence;
    /** Cluster mode: the node this slot is being handed over to, and since when; else null. */
    String handingTo;
    long handingSince;

    Peer(PeerInfo info, boolean polite, String resumeToken, Client client) {
        this.info = info;
        this.polite = polite;
        this.resumeToken = resumeToken;
        this.client = client;
    }

    String id() {
        return info.id();
    }

    boolean away() {
        return client == null;
    }

    /**
     * Sends a frame (or keeps it while away) and remembers the last frames, as many and as large as
     * {@code keep} allows. False, and nothing done, when the peer is away and that many frames or
     * bytes already wait for it, or the shared budget is spent. A present peer always gets the
     * frame; when the budget is spent, what it kept is let go (a resume then replays less).
     */
    boolean deliver(String text, Retention keep) {
        if (held != null) {
            held.add(text);
            return true;
        }
        memory = keep.memory();
        long bytes = HeldMemory.bytes(text);
        if (client == null) {
            if (delivered - deliveredWhenAway >= keep.frames() || awayBytes + bytes > keep.bytes()) {
                return false;
            }
            trim(keep, bytes, delivered - deliveredWhenAway);
            if (!memory.reserve(bytes)) {
                return false;
            }
            awayBytes += bytes;
            keep(text, bytes);
            return true;
        }
        trim(keep, bytes, 0);
        if (bytes <= keep.bytes() && keep.frames() > 0 && memory.reserve(bytes)) {
            keep(text, bytes);
        } else {
            forget();
            delivered++;
        }
        client.send(text);
        return true;
    }

    private void keep(String text, long bytes) {
        delivered++;
        recent.addLast(text);
        keptBytes += bytes;
    }

    /** Lets go of the oldest kept frames, but never the newest {@code waiting}, to make room for one more. */
    private void trim(Retention keep, long bytes, long waiting) {
        while (recent.size() > waiting && (recent.size() + 1 > keep.frames() || keptBytes + bytes > keep.bytes())) {
            long freed = HeldMemory.bytes(recent.removeFirst());
            keptBytes -= freed;
            memory.release(freed);
        }
    }

    /** Lets go of every kept frame (the slot is freed, or the budget is spent). */
    void forget() {
        if (memory != null) {
            memory.release(keptBytes);
        }
        recent.clear();
        keptBytes = 0;
    }

    /** Keeps frames back until {@link #adopt}: the slot is arriving from another node. */
    void hold() {
        held = new ArrayList<>();
        early = new ArrayList<>();
        awaitingFence = true;
    }

    /** A frame from Redis before the fence: kept in case the old node never answers. */
    void early(String text) {
        early.add(text);
    }

    boolean holding() {
        return held != null;
    }

    /** The frames kept for a resume, and how many were delivered in all. */
    List<String> kept() {
        return List.copyOf(recent);
    }

    long delivered() {
        return delivered;
    }

    long deliveredWhenAway() {
        return deliveredWhenAway;
    }

    /**
     * Takes over the numbering and the kept frames of the node the slot came from ({@code total}
     * delivered, {@code awaySince} when its socket was known gone), then replays what the peer
     * missed and delivers what was held meanwhile. When the old node never answered, the frames
     * that came before its fence are delivered too. Returns the frames lost.
     */
    long adopt(long total, long awaySince, List<String> frames, Long received, boolean answered, Retention keep) {
        forget();
        memory = keep.memory();
        delivered = total;
        deliveredWhenAway = received == null ? awaySince : Math.min(received, total);
        recent.addAll(frames);
        frames.forEach(frame -> keptBytes += HeldMemory.bytes(frame));
        memory.force(keptBytes);
        List<String> waiting = new ArrayList<>(answered ? List.of() : early);
        waiting.addAll(held);
        held = null;
        early = null;
        awaitingFence = false;
        long lost = client == null ? 0 : replay(received);
        waiting.forEach(text -> deliver(text, keep));
        return lost;
    }

    void goAway(long until) {
        client = null;
        awayUntil = until;
        deliveredWhenAway = delivered;
        awayBytes = 0;
    }

    /** Binds the slot to a new socket, with a fresh resume token. */
    void rebind(Client newClient, String newToken) {
        client = newClient;
        resumeToken = newToken;
    }

    /**
     * Sends again the frames after the first {@code received} ones (as counted by the peer), or,
     * when the peer gives no count, those delivered since its socket was known to be gone. Returns
     * how many frames it missed that are no longer kept.
     */
    long replay(Long received) {
        long oldestKept = delivered - recent.size();
        long from = received == null ? deliveredWhenAway : Math.min(received, delivered);
        long lost = Math.max(0, oldestKept - from);
        Iterator<String> frames = recent.iterator();
        for (long index = oldestKept; frames.hasNext(); index++) {
            String frame = frames.next();
            if (index >= from) {
                client.send(frame);
            }
        }
        return lost;
    }
}
