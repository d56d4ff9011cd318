package app.duet.signaling.boundary;

import app.duet.signaling.control.Client;
import app.duet.signaling.control.Signaling;
import app.duet.signaling.control.SignalingMetrics;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /signal/{room}}: one socket per peer. Decoding, checks and room logic live in
 * {@link Signaling}; this class only forwards the socket's life to it.
 */
@ServerEndpoint("/signal/{room}")
public class SignalingEndpoint {

    /**
     * What the container accepts in one frame. Above the protocol's own limit
     * ({@code duet.max.message.bytes}, 64 KiB by default) so that a slightly large message is
     * answered with a {@code too-large} error instead of a closed socket. Set explicitly because
     * Tomcat's default is 8 KiB.
     */
    static final int FRAME_LIMIT = 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(SignalingEndpoint.class.getName());
    private static final String CLIENT = Client.class.getName();

    @Inject
    Signaling signaling;

    @Inject
    SignalingMetrics metrics;

    @Inject
    SocketCloser closer;

    @OnOpen
    public void open(Session session, @PathParam("room") String room) {
        session.setMaxTextMessageBufferSize(FRAME_LIMIT);
        session.getUserProperties().put(CLIENT, signaling.open(new SessionLink(session, closer, metrics::slowReceiverDropped), room));
    }

    @OnMessage(maxMessageSize = FRAME_LIMIT)
    public void message(Session session, String text) {
        signaling.receive(client(session), text);
    }

    @OnMessage
    public void pong(Session session, PongMessage pong) {
        signaling.alive(client(session));
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        Client client = client(session);
        if (client != null) {
            signaling.closed(client);
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        if (error instanceof IOException) {
            LOG.log(Level.FINE, "Signaling socket failed", error);
        } else {
            LOG.log(Level.WARNING, "Signaling socket failed", error);
        }
    }

    private static Client client(Session session) {
        return (Client) session.getUserProperties().get(CLIENT);
    }
}
