package app.duet.signaling.boundary;

import app.duet.platform.control.Settings;
import app.duet.signaling.control.Client;
import app.duet.signaling.control.HeldMemory;
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
     * The container's receive buffer per socket, in characters, set explicitly: messages arrive
     * in parts of at most this and are assembled here. Tomcat allocates this buffer for every
     * socket up front; sized at 1 MiB it cost 2 MiB of heap per peer.
     */
    static final int PART_SIZE = 4096;

    private static final Logger LOG = Logger.getLogger(SignalingEndpoint.class.getName());
    private static final String CLIENT = Client.class.getName();
    private static final String PENDING = MessageAssembly.class.getName();

    @Inject
    Signaling signaling;

    @Inject
    SignalingMetrics metrics;

    @Inject
    SocketCloser closer;

    @Inject
    HeldMemory memory;

    @Inject
    Settings settings;

    @OnOpen
    public void open(Session session, @PathParam("room") String room) {
        signaling = signaling.direct(); // one endpoint instance per socket: its frames skip the proxy
        session.setMaxTextMessageBufferSize(PART_SIZE);
        session.setMaxBinaryMessageBufferSize(PART_SIZE);
        session.getUserProperties().put(CLIENT, signaling.open(new SessionLink(session, closer, memory, metrics::slowReceiverDropped),
                room, ClientAddress.of(session)));
    }

    /**
     * A message, or part of one: most arrive whole, and then nothing is copied. Parts are kept
     * only up to the protocol's limit and within the shared {@link HeldMemory} budget: a longer
     * message is answered {@code too-large} once its last part arrives (the parts in between are
     * dropped as they come), and a socket that would pass the budget is closed (1013).
     */
    @OnMessage
    public void message(Session session, String part, boolean last) {
        MessageAssembly pending = (MessageAssembly) session.getUserProperties().get(PENDING);
        if (pending == null && last) {
            signaling.receive(client(session), part);
            return;
        }
        if (pending == null) {
            pending = new MessageAssembly(memory, settings.maxMessageBytes());
            session.getUserProperties().put(PENDING, pending);
        }
        if (!pending.add(part)) {
            session.getUserProperties().remove(PENDING);
            pending.discard();
            closer.close(session, new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER,
                    "The server holds too many unfinished messages; try again later."));
            return;
        }
        if (last) {
            session.getUserProperties().remove(PENDING);
            String message = pending.complete();
            if (message == null) {
                signaling.tooLarge(client(session));
            } else {
                signaling.receive(client(session), message);
            }
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
        MessageAssembly pending = (MessageAssembly) session.getUserProperties().remove(PENDING);
        if (pending != null) {
            pending.discard();
        }
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
