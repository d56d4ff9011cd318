package app.duet.signaling.control;

import app.duet.signaling.entity.PeerInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One slot of a room, part of the seam room engines work through (see {@link RoomEngine}). It
 * numbers the frames delivered to it and keeps the last few, so a peer that resumes after a blip
 * gets again what it missed, including frames written to a socket that was already dead before
 * the server noticed. Guarded by the lock of its {@link Room}.
 */
public final class Peer {

    private final PeerInfo info;
    private final boolean polite;
    private String resumeToken;
    private Client client;
    private long awayUntil;
    private final ArrayDeque<String> recent = new ArrayDeque<>();
    /** Bytes of {@link #recent}, taken from the shared budget; those of frames waiting while away. */
    private long keptBytes;
    private long awayBytes;
    private HeldMemory memory;
    private long delivered;
    private long deliveredWhenAway;
    /** Frames kept back while the slot's past is being brought in from elsewhere ({@link #hold}), else null. */
    private List<String> held;
    private final QualityGate quality = new QualityGate();

    /** A slot bound to {@code client}'s socket, with its role and resume token. */
    public Peer(PeerInfo info, boolean polite, String resumeToken, Client client) {
        this.info = info;
        this.polite = polite;
        this.resumeToken = resumeToken;
        this.client = client;
    }

    /** Which of this peer's stats reports become call events (see {@link QualityGate}). */
    QualityGate quality() {
        return quality;
    }

    public PeerInfo info() {
        return info;
    }

    public String id() {
        return info.id();
    }

    public boolean polite() {
        return polite;
    }

    public String resumeToken() {
        return resumeToken;
    }

    /** The socket bound to the slot; null while the peer is away. */
    public Client client() {
        return client;
    }

    public boolean away() {
        return client == null;
    }

    /** While away: when the resume grace runs out (nanoTime). */
    public long awayUntil() {
        return awayUntil;
    }

    /**
     * Sends a frame (or keeps it while away) and remembers the last frames, as many and as large as
     * {@code keep} allows. False, and nothing done, when the peer is away and that many frames or
     * bytes already wait for it, or the shared budget is spent. A present peer always gets the
     * frame; when the budget is spent, what it kept is let go (a resume then replays less).
     */
    public boolean deliver(String text, Retention keep) {
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
    public void forget() {
        if (memory != null) {
            memory.release(keptBytes);
        }
        recent.clear();
        keptBytes = 0;
    }

    /**
     * Keeps every frame back until {@link #adopt}: the slot resumes here while its numbering and
     * kept frames are still held elsewhere (another node of a cluster).
     */
    public void hold() {
        held = new ArrayList<>();
    }

    public boolean holding() {
        return held != null;
    }

    /** The frames kept for a resume. */
    public List<String> kept() {
        return List.copyOf(recent);
    }

    /** How many frames were delivered to the slot in all. */
    public long delivered() {
        return delivered;
    }

    /** How many had been delivered when its socket was known gone. */
    public long deliveredWhenAway() {
        return deliveredWhenAway;
    }

    /**
     * Ends a {@link #hold}: takes over the numbering and the kept frames the slot had elsewhere
     * ({@code total} delivered, {@code awaySince} when its socket was known gone), replays what
     * the peer missed, then delivers {@code first} and what was held meanwhile, in that order.
     * Returns the frames lost.
     */
    public long adopt(long total, long awaySince, List<String> frames, Long received, List<String> first, Retention keep) {
        forget();
        memory = keep.memory();
        delivered = total;
        deliveredWhenAway = received == null ? awaySince : Math.min(received, total);
        recent.addAll(frames);
        frames.forEach(frame -> keptBytes += HeldMemory.bytes(frame));
        memory.force(keptBytes);
        List<String> waiting = new ArrayList<>(first);
        waiting.addAll(held);
        held = null;
        long lost = client == null ? 0 : replay(received);
        waiting.forEach(text -> deliver(text, keep));
        return lost;
    }

    /** The socket is gone (its client no longer holds the slot): frames now wait until {@code until}. */
    public void goAway(long until) {
        if (client != null) {
            client.detach();
        }
        client = null;
        awayUntil = until;
        deliveredWhenAway = delivered;
        awayBytes = 0;
    }

    /**
     * A resume: binds the slot to a new socket, with a fresh resume token. A socket still bound
     * to it is closed as replaced.
     */
    public void takeOver(Room room, Client newClient, String newToken) {
        Client previous = client;
        if (previous != null) {
            previous.detach();
            previous.link().close(CloseCodes.REPLACED, "Replaced by a resumed connection.");
        }
        client = newClient;
        resumeToken = newToken;
        newClient.attach(room, this);
    }

    /**
     * Sends again the frames after the first {@code received} ones (as counted by the peer), or,
     * when the peer gives no count, those delivered since its socket was known to be gone. Returns
     * how many frames it missed that are no longer kept.
     */
    public long replay(Long received) {
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
