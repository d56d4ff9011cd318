package app.duet.signaling.boundary;

import app.duet.signaling.control.CloseCodes;
import app.duet.signaling.control.HeldMemory;
import app.duet.signaling.control.Link;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link Link} on a WebSocket session. Frames are queued and sent asynchronously one at a time
 * (containers refuse overlapping sends), so a relay never waits for a slow receiver. Frames that
 * wait behind the one being written are held against the shared {@link HeldMemory} budget; a
 * frame that goes out at once (the common case) costs the budget nothing.
 */
final class SessionLink implements Link {

    /**
     * A receiver this far behind (frames, or characters of them: 2 MiB of heap) is not reading: its
     * socket is closed. A call's signaling is a few kilobytes a second; this is minutes of it.
     */
    static final int MAX_QUEUED = 4096;
    static final long MAX_QUEUED_CHARS = 1024L * 1024;

    /**
     * A backlog up to this (one frame of the protocol's largest) is kept even when the shared
     * budget is spent, so a receiver that keeps up is never dropped because other sockets hold
     * memory; past it, a spent budget drops the receiver.
     */
    static final long ALWAYS_QUEUED_CHARS = 64L * 1024;

    /** A frame not written within this long fails, and the receiver is dropped. */
    static final long SEND_TIMEOUT_MS = 10_000;

    /**
     * How long Tomcat lets a control frame (ping, close) block; its default is 20 s, during
     * which the heartbeat timer would wait on one stuck peer. Other containers ignore the key.
     */
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private static final Logger LOG = Logger.getLogger(SessionLink.class.getName());
    private static final ByteBuffer PING = ByteBuffer.allocate(0);

    private final Session session;
    private final SocketCloser closer;
    private final HeldMemory memory;
    private final Runnable onDroppedSlow;
    /** The completion handler of every send, made once rather than once per frame. */
    private final SendHandler onSent = this::sent;
    private final Queue<String> queue = new ArrayDeque<>();
    private long queuedChars;
    private boolean sending;
    private boolean pumping;
    private CloseReason closeWhenFlushed;
    private boolean broken;
    private boolean pingWhenWritten;

    SessionLink(Session session, SocketCloser closer, HeldMemory memory, Runnable onDroppedSlow) {
        this.session = session;
        this.closer = closer;
        this.memory = memory;
        this.onDroppedSlow = onDroppedSlow;
        session.getAsyncRemote().setSendTimeout(SEND_TIMEOUT_MS);
        session.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, 2_000L);
    }

    @Override
    public synchronized void send(String text) {
        if (closeWhenFlushed != null || broken || !session.isOpen()) {
            return;
        }
        if (!sending && queue.isEmpty()) {
            // nothing is being written: it goes out now, and nothing waits
            write(text);
            return;
        }
        if (queue.size() >= MAX_QUEUED || queuedChars + text.length() > MAX_QUEUED_CHARS) {
            drop("Too many unread messages.");
            return;
        }
        if (!memory.reserve(HeldMemory.bytes(text))) {
            if (queuedChars + text.length() > ALWAYS_QUEUED_CHARS) {
                drop("The server holds too many unsent messages.");
                return;
            }
            memory.force(HeldMemory.bytes(text));
        }
        queue.add(text);
        queuedChars += text.length();
    }

    /**
     * Starts the next send when none is in flight. A container may complete a send inline, calling
     * {@link #sent} from inside {@code sendText}: the loop then goes on instead of recursing.
     */
    private void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            while (!sending) {
                if (pingWhenWritten && closeWhenFlushed == null) {
                    pingWhenWritten = false;
                    sendPing();
                }
                String text = queue.poll();
                if (text == null) {
                    if (closeWhenFlushed != null) {
                        closeNow(closeWhenFlushed);
                    }
                    return;
                }
                queuedChars -= text.length();
                memory.release(HeldMemory.bytes(text));
                write(text);
            }
        } finally {
            pumping = false;
        }
    }

    /** Hands a frame to the container: one at a time, so it is the one in flight. */
    private void write(String text) {
        sending = true;
        // sent with a context class loader that lists no thread context providers: see SendClassLoader
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SendClassLoader.INSTANCE);
        try {
            session.getAsyncRemote().sendText(text, onSent);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Send failed", e);
            sending = false;
            drop("Could not deliver to this socket.");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private synchronized void sent(SendResult result) {
        sending = false;
        if (!result.isOK()) {
            // a container that buffers writes itself (Grizzly) fails a send once its own queue
            // for this connection is full: the receiver is not reading
            LOG.log(Level.FINE, "Send failed", result.getException());
            drop("Could not deliver to this socket.");
            return;
        }
        pump();
    }

    /** Gives up on this receiver: what waits is discarded and the socket closed (4003). */
    private void drop(String reason) {
        queue.clear();
        memory.release(HeldMemory.bytes(queuedChars));
        queuedChars = 0;
        if (!broken && session.isOpen()) {
            onDroppedSlow.run();
            closeNow(new CloseReason(CloseReason.CloseCodes.getCloseCode(CloseCodes.TOO_SLOW), reason));
        }
        broken = true;
    }

    /**
     * Pings now, or, while a frame is being written, right after it (before the next one): a
     * receiver kept busy by a steady stream must still be asked, or the heartbeat would drop it as
     * silent; a stuck one fails that frame's write within the send timeout anyway.
     */
    @Override
    public void ping() {
        synchronized (this) {
            if (broken) {
                return;
            }
            if (sending) {
                pingWhenWritten = true;
                return;
            }
        }
        sendPing();
    }

    private void sendPing() {
        try {
            session.getAsyncRemote().sendPing(PING.duplicate());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Ping failed", e);
        }
    }

    @Override
    public synchronized void close(int code, String reason) {
        CloseReason closeReason = new CloseReason(CloseReason.CloseCodes.getCloseCode(code), truncate(reason));
        if (sending) {
            closeWhenFlushed = closeReason;
        } else {
            closeNow(closeReason);
        }
    }

    private void closeNow(CloseReason reason) {
        closer.close(session, reason);
    }

    /** A close reason must fit in a control frame (123 bytes of UTF-8). */
    private static String truncate(String reason) {
        return reason.length() <= 120 ? reason : reason.substring(0, 120);
    }
}
