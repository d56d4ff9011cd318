package app.duet.signaling.boundary;

import app.duet.signaling.control.CloseCodes;
import app.duet.signaling.control.Link;
import jakarta.websocket.CloseReason;
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
 * (containers refuse overlapping sends), so a relay never waits for a slow receiver.
 */
final class SessionLink implements Link {

    /** A receiver this far behind is not reading: its socket is closed. */
    static final int MAX_QUEUED = 4096;

    private static final Logger LOG = Logger.getLogger(SessionLink.class.getName());
    private static final ByteBuffer PING = ByteBuffer.allocate(0);

    private final Session session;
    private final Queue<String> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean pumping;
    private CloseReason closeWhenFlushed;

    SessionLink(Session session) {
        this.session = session;
    }

    @Override
    public synchronized void send(String text) {
        if (closeWhenFlushed != null || !session.isOpen()) {
            return;
        }
        if (queue.size() >= MAX_QUEUED) {
            queue.clear();
            closeNow(new CloseReason(CloseReason.CloseCodes.getCloseCode(CloseCodes.TOO_SLOW),
                    "Too many unread messages."));
            return;
        }
        queue.add(text);
        pump();
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
                String text = queue.poll();
                if (text == null) {
                    if (closeWhenFlushed != null) {
                        closeNow(closeWhenFlushed);
                    }
                    return;
                }
                sending = true;
                try {
                    session.getAsyncRemote().sendText(text, this::sent);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "Send failed", e);
                    queue.clear();
                    sending = false;
                }
            }
        } finally {
            pumping = false;
        }
    }

    private synchronized void sent(SendResult result) {
        sending = false;
        if (!result.isOK()) {
            LOG.log(Level.FINE, "Send failed", result.getException());
            queue.clear();
        }
        pump();
    }

    @Override
    public void ping() {
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
        try {
            session.close(reason);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Close failed", e);
        }
    }

    /** A close reason must fit in a control frame (123 bytes of UTF-8). */
    private static String truncate(String reason) {
        return reason.length() <= 120 ? reason : reason.substring(0, 120);
    }
}
