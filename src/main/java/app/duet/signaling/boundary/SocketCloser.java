package app.duet.signaling.boundary;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes signaling sockets on a container thread of their own. A close frame to a peer that has
 * stopped reading can block (Tomcat waits up to its send timeout): the thread that relays, or the
 * heartbeat timer that drops a silent peer, must never be the one waiting.
 */
@Stateless
public class SocketCloser {

    private static final Logger LOG = Logger.getLogger(SocketCloser.class.getName());

    @Asynchronous
    public void close(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Close failed", e);
        }
    }
}
