package app.duet.signaling.control;

/**
 * One open signaling socket: its link, its liveness, its rate limit, and the room slot it holds
 * once joined. Messages of one socket are handled one at a time by the container; the heartbeat
 * reads {@link #lastSeen} from another thread.
 */
public final class Client {

    /** The room and slot a client holds; replaced as a whole so readers never see half of it. */
    record Membership(Room room, Peer peer) {
    }

    private final Link link;
    private final String roomId;
    private final TokenBucket bucket;
    private volatile long lastSeen;
    private volatile long lastPing;
    private volatile Membership membership;
    private long noticeAt;

    Client(Link link, String roomId, TokenBucket bucket, long now) {
        this.link = link;
        this.roomId = roomId;
        this.bucket = bucket;
        this.lastSeen = now;
        this.lastPing = now;
    }

    public Link link() {
        return link;
    }

    /** The room named in the socket's URL. */
    String roomId() {
        return roomId;
    }

    /** Records a sign of life (a message or a pong). */
    public void seen(long now) {
        lastSeen = now;
    }

    long lastSeen() {
        return lastSeen;
    }

    long lastPing() {
        return lastPing;
    }

    void pinged(long now) {
        lastPing = now;
    }

    Membership membership() {
        return membership;
    }

    void attach(Room room, Peer peer) {
        membership = new Membership(room, peer);
    }

    void detach() {
        membership = null;
    }

    /** What the rate limit says of one message. A flood is told at most once a second. */
    enum Admission { ADMITTED, REFUSED_TOLD, REFUSED_SILENTLY }

    private static final long NOTICE_EVERY = 1_000_000_000L;

    Admission admit(long now) {
        if (bucket.take(now)) {
            return Admission.ADMITTED;
        }
        if (noticeAt != 0 && now - noticeAt < NOTICE_EVERY) {
            return Admission.REFUSED_SILENTLY;
        }
        noticeAt = now == 0 ? 1 : now;
        return Admission.REFUSED_TOLD;
    }

    void send(String text) {
        link.send(text);
    }
}
