package app.duet.signaling.control;

import app.duet.access.control.Access;
import app.duet.platform.control.Settings;
import app.duet.platform.entity.RoomId;
import app.duet.signaling.entity.ClientLimit;
import app.duet.signaling.entity.ErrorCode;
import app.duet.signaling.entity.LeaveReason;
import app.duet.signaling.entity.SignalingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What happens to each socket: opened, a frame received, closed. The endpoint only forwards. */
@ApplicationScoped
public class Signaling {

    private static final Logger LOG = Logger.getLogger(Signaling.class.getName());

    /** At most one stack trace a minute: a client that can trigger an internal error cannot flood the log. */
    private static final long INTERNAL_LOG_EVERY = TimeUnit.MINUTES.toNanos(1);

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong internalLogged = new AtomicLong(System.nanoTime() - INTERNAL_LOG_EVERY);

    @Inject
    Settings settings;

    @Inject
    RoomEngine rooms;

    @Inject
    SignalingMetrics metrics;

    @Inject
    ClientLimits limits;

    @Inject
    ClientLimitSettings limitSettings;

    @Inject
    Entrance entrance;

    @Inject
    SlowJoins slowJoins;

    public Signaling() {
    }

    Signaling(Settings settings, RoomEngine rooms, SignalingMetrics metrics, ClientLimitSettings limitSettings,
              Access access, IceServersSource ice) {
        this(settings, rooms, metrics, limitSettings, access, ice, new SlowJoins(Runnable::run, HeldMemory.withBudget(1 << 20)));
    }

    Signaling(Settings settings, RoomEngine rooms, SignalingMetrics metrics, ClientLimitSettings limitSettings,
              Access access, IceServersSource ice, SlowJoins slowJoins) {
        this.slowJoins = slowJoins;
        this.settings = settings;
        this.rooms = rooms;
        this.metrics = metrics;
        this.limitSettings = limitSettings;
        this.limits = new ClientLimits(limitSettings, metrics);
        this.entrance = new Entrance(rooms, metrics, limits, access, ice);
    }

    /**
     * This instance itself, not its client proxy: the endpoint calls it for every frame, and a
     * call through the proxy looks the instance up and pushes and pops the container's
     * injection-point stack each time. Application-scoped, it lives as long as the application.
     */
    public Signaling direct() {
        return this;
    }

    /**
     * A socket opened on {@code /signal/{roomId}} from {@code address} (null if unknown): closed
     * (1013) when its address already holds its most sockets; a bad room id is answered and closed.
     */
    public Client open(Link link, String roomId, String address) {
        long now = System.nanoTime();
        Client client = new Client(link, roomId, address, new TokenBucket(settings.rateBurst(), settings.ratePerSecond(), now), now);
        if (!limits.opened(address, now)) {
            link.close(CloseCodes.TRY_AGAIN_LATER, "Too many sockets from your address; try again later.");
            return client;
        }
        client.countedForAddress();
        if (!RoomId.valid(roomId)) {
            refuse(client, new SignalingException(ErrorCode.BAD_ROOM,
                    "A room id is 1 to 64 letters, digits, '-' or '_'."));
            return client;
        }
        clients.add(client);
        return client;
    }

    public void receive(Client client, String text) {
        long now = System.nanoTime();
        if (!admitted(client, now)) {
            return;
        }
        switch (SlowJoins.hold(client, text)) {
            case HELD -> { }
            case REFUSED -> sendError(client, ErrorCode.RATE_LIMITED, "Wait for joined before sending more messages.");
            default -> guarded(client, now, () -> handle(client, text, now, true));
        }
    }

    /** A step of handling a frame, which may refuse it. */
    private interface Step {
        void run() throws SignalingException;
    }

    /** Runs {@code step}: a refusal is told to the client, an unexpected failure logged and answered {@code internal}. */
    private void guarded(Client client, long now, Step step) {
        try {
            step.run();
        } catch (SignalingException e) {
            refuse(client, e);
        } catch (RuntimeException e) {
            logInternal(e, now);
            sendError(client, ErrorCode.INTERNAL, "The server failed to handle that message.");
        }
    }

    /** A message that arrived in parts and passed the size limit before its end: only the verdict is left. */
    public void tooLarge(Client client) {
        if (admitted(client, System.nanoTime())) {
            refuse(client, tooLarge());
        }
    }

    /** A binary message: the protocol is JSON text, so it is refused (and counts against the rate limit). */
    public void receiveBinary(Client client) {
        if (admitted(client, System.nanoTime())) {
            sendError(client, ErrorCode.BAD_MESSAGE, "Messages are JSON text; binary messages are not accepted.");
        }
    }

    /** Counts the message against the client's rate limit; false (the client told once a second) when over it. */
    private boolean admitted(Client client, long now) {
        client.seen(now);
        switch (client.admit(now)) {
            case REFUSED_TOLD -> {
                sendError(client, ErrorCode.RATE_LIMITED, "Too many messages; some were dropped. Slow down.");
                return false;
            }
            case REFUSED_SILENTLY -> {
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    private SignalingException tooLarge() {
        return new SignalingException(ErrorCode.TOO_LARGE, "A message may be at most " + settings.maxMessageBytes() + " bytes.");
    }

    /** Handles one frame; a join that may wait on the network runs on another thread when {@code mayDefer}. */
    private void handle(Client client, String text, long received, boolean mayDefer) throws SignalingException {
        // no second pass over the text when its length in characters already proves it small
        if (text.length() * 3L > settings.maxMessageBytes() && Utf8.length(text) > settings.maxMessageBytes()) {
            throw tooLarge();
        }
        Frame message = Protocol.parse(text);
        String type = message.type();
        switch (type) {
            case "join" -> {
                if (mayDefer && entrance.mayWait(message)) {
                    slowJoins.start(client, () -> guarded(client, received, () -> entrance.join(client, message, received)),
                            held -> guarded(client, System.nanoTime(), () -> handle(client, held, System.nanoTime(), false)),
                            () -> rooms.dropped(client, System.nanoTime()));
                } else {
                    entrance.join(client, message, received);
                }
            }
            case "ice-servers" -> entrance.iceServers(client);
            case "leave" -> {
                RoomEngine.joined(client);
                rooms.free(client, LeaveReason.LEFT);
            }
            case "ping" -> client.send(Protocol.pong());
            case "stats" -> rooms.reportQuality(client, message.quality());
            default -> {
                rooms.relay(client, Protocol.relayed(text, message, RoomEngine.joined(client).peer().id()));
                metrics.relayed(type, System.nanoTime() - received);
            }
        }
    }

    /** Logs an unexpected failure with its stack trace, at most once a minute (each is counted in /metrics). */
    private void logInternal(RuntimeException e, long now) {
        long last = internalLogged.get();
        if (now - last >= INTERNAL_LOG_EVERY && internalLogged.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "Failed to handle a signaling message (further failures within a minute are logged at FINE)", e);
        } else {
            LOG.log(Level.FINE, "Failed to handle a signaling message", e);
        }
    }

    /** A pong (or any other sign of life) from the peer. */
    public void alive(Client client) {
        client.seen(System.nanoTime());
    }

    /** The socket closed, for whatever reason: its slot waits for a resume. */
    public void closed(Client client) {
        clients.remove(client);
        release(client);
        Backlog backlog = client.backlog();
        if (backlog == null || !backlog.close()) {
            rooms.dropped(client, System.nanoTime()); // else the join running elsewhere does, once done
        }
    }

    /** Drops the client now, freeing its slot: it stopped answering heartbeats. */
    void timedOut(Client client) {
        metrics.heartbeatDropped();
        clients.remove(client);
        release(client);
        rooms.free(client, LeaveReason.TIMEOUT);
        client.link().close(CloseCodes.TIMEOUT, "No sign of life within the heartbeat timeout.");
    }

    /** Closes a socket that held no slot within the join deadline (it never joined, or left and stayed). */
    void missedJoinDeadline(Client client) {
        metrics.refused(ClientLimit.JOIN_DEADLINE);
        clients.remove(client);
        release(client);
        client.link().close(CloseCodes.JOIN_DEADLINE, "No room joined within " + deadlineText() + " of opening the socket (or of leaving).");
    }

    private String deadlineText() {
        double seconds = limitSettings.joinDeadline().toMillis() / 1000.0;
        return (seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds)) + " s";
    }

    /** Gives the socket's place back to its address, once (whichever of close and timeout comes first). */
    private void release(Client client) {
        if (client.releaseAddress()) {
            limits.closed(client.address());
        }
    }

    Set<Client> clients() {
        return Collections.unmodifiableSet(clients);
    }

    public int connections() {
        return clients.size();
    }

    /** Every error a client is told goes through here, so that each is counted. */
    private void sendError(Client client, ErrorCode code, String sentence) {
        metrics.error(code);
        client.send(Protocol.error(code, sentence));
    }

    private void refuse(Client client, SignalingException e) {
        sendError(client, e.code(), e.getMessage());
        if (e.code().closes()) {
            client.link().close(CloseCodes.POLICY, e.getMessage());
        }
    }
}
