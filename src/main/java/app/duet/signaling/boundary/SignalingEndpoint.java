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
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /signal/{room}}: one socket per peer. Decoding, checks and room logic live in
 * {@link Signaling}; this class only forwards the socket's life to it.
 */
@ServerEndpoint("/signal/{room}")
public class SignalingEndpoint {

    /**
     * The largest message the endpoint assembles. Above the protocol's own limit
     * ({@code duet.max.message.bytes}, 64 KiB by default) so that a slightly large message is
     * answered with a {@code too-large} error; beyond it the socket is closed (1009).
     */
    static final int FRAME_LIMIT = 1024 * 1024;

    /**
     * The container's receive buffer per socket, in characters, set explicitly: messages arrive
     * in parts of at most this and are assembled here. Tomcat allocates this buffer for every
     * socket up front; sized at FRAME_LIMIT it cost 2 MiB of heap per peer.
     */
    static final int PART_SIZE = 4096;

    private static final Logger LOG = Logger.getLogger(SignalingEndpoint.class.getName());
    private static final String CLIENT = Client.class.getName();
    private static final String PENDING = SignalingEndpoint.class.getName() + ".pending";

    @Inject
    Signaling signaling;

    @Inject
    SignalingMetrics metrics;

    @Inject
    SocketCloser closer;

    @OnOpen
    public void open(Session session, @PathParam("room") String room) {
        session.setMaxTextMessageBufferSize(PART_SIZE);
        session.setMaxBinaryMessageBufferSize(PART_SIZE);
        session.getUserProperties().put(CLIENT, signaling.open(new SessionLink(session, closer, metrics::slowReceiverDropped), room));
    }

    /** A message, or part of one: most arrive whole, and then nothing is copied. */
    @OnMessage
    public void message(Session session, String part, boolean last) {
        StringBuilder pending = (StringBuilder) session.getUserProperties().get(PENDING);
        if (pending == null && last) {
            signaling.receive(client(session), part);
            return;
        }
        if (pending == null) {
            pending = new StringBuilder(part.length() * 2);
            session.getUserProperties().put(PENDING, pending);
        }
        if (pending.length() + part.length() > FRAME_LIMIT) {
            session.getUserProperties().remove(PENDING);
            closer.close(session, new CloseReason(CloseReason.CloseCodes.TOO_BIG, "A message may be at most 1 MiB."));
            return;
        }
        pending.append(part);
        if (last) {
            session.getUserProperties().remove(PENDING);
            signaling.receive(client(session), pending.toString());
        }
    }

    /**
     * A binary message, or part of one: answered with {@code bad-message} once whole. Without this
     * handler the container decided, differently on each (Payara Micro dropped them without a word).
     */
    @OnMessage
    public void binary(Session session, ByteBuffer part, boolean last) {
        if (last) {
            signaling.receiveBinary(client(session));
        }
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
