package app.duet.signaling.control;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open signaling socket: its link, its client address, its liveness, its rate limit, and the
 * room slot it holds once joined. Messages of one socket are handled one at a time by the
 * container; the heartbeat reads {@link #lastSeen} and {@link #slotlessSince} from another thread.
 */
public final class Client {

    /** The room and slot a client holds; replaced as a whole so readers never see half of it. */
    public record Membership(Room room, Peer peer) {
    }

    private final Link link;
    private final String roomId;
    private final TokenBucket bucket;
    private final String address;
    private final AtomicBoolean countedForAddress = new AtomicBoolean();
    private volatile long lastSeen;
    private volatile long slotlessSince;
    private volatile long lastPing;
    private volatile Membership membership;
    private volatile Backlog backlog;
    private long noticeAt;

    Client(Link link, String roomId, TokenBucket bucket, long now) {
        this(link, roomId, null, bucket, now);
    }

    Client(Link link, String roomId, String address, TokenBucket bucket, long now) {
        this.link = link;
        this.roomId = roomId;
        this.address = address;
        this.bucket = bucket;
        this.lastSeen = now;
        this.lastPing = now;
        this.slotlessSince = nonZero(now);
    }

    private static long nonZero(long now) {
        return now == 0 ? 1 : now;
    }

    /** The client's address (see {@code TrustedProxies}); null when the container did not say. */
    String address() {
        return address;
    }

    /** Marks the socket as counted among its address's open sockets. */
    void countedForAddress() {
        countedForAddress.set(true);
    }

    /** True once, for a socket that was counted: its address's count is then to be given back. */
    boolean releaseAddress() {
        return countedForAddress.compareAndSet(true, false);
    }

    /** Since when the socket holds no room slot (opened, or left); 0 while it holds one. */
    long slotlessSince() {
        return slotlessSince;
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

    /** The room and slot the client holds; null when none. */
    public Membership membership() {
        return membership;
    }

    void attach(Room room, Peer peer) {
        membership = new Membership(room, peer);
        slotlessSince = 0;
    }

    void detach() {
        membership = null;
        slotlessSince = nonZero(System.nanoTime());
    }

    /** The frames held while a join of this socket runs on another thread; null, or over, when none does. */
    Backlog backlog() {
        return backlog;
    }

    void backlog(Backlog backlog) {
        this.backlog = backlog;
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

    /** Queues a frame on the client's socket. */
    public void send(String text) {
        link.send(text);
    }
}
