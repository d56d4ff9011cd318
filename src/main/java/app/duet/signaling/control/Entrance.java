package app.duet.signaling.control;

import app.duet.access.control.Access;
import app.duet.access.entity.JoinGrant;
import app.duet.access.entity.TokenRefused;
import app.duet.signaling.entity.ErrorCode;
import app.duet.signaling.entity.SignalingException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/**
 * Who gets into a room, and what they get there: a join passes its address's join rate, then
 * (unless it resumes a slot, the resume token being proof enough) the access check of its join
 * token; an admitted peer gets ICE servers with TURN credentials of its own in {@code joined},
 * and fresh ones when it asks.
 */
@ApplicationScoped
public class Entrance {

    @Inject
    RoomEngine rooms;

    @Inject
    SignalingMetrics metrics;

    @Inject
    ClientLimits limits;

    @Inject
    Access access;

    @Inject
    Instance<IceServersSource> iceSources;

    private IceServersSource ice;

    public Entrance() {
    }

    Entrance(RoomEngine rooms, SignalingMetrics metrics, ClientLimits limits, Access access, IceServersSource ice) {
        this.rooms = rooms;
        this.metrics = metrics;
        this.limits = limits;
        this.access = access;
        this.ice = ice;
    }

    @PostConstruct
    void init() {
        ice = iceSources.isResolvable() ? iceSources.get() : null;
    }

    /** A join message: a fresh join, or a resume. */
    void join(Client client, Frame message, long received) throws SignalingException {
        if (!limits.joinAllowed(client.address(), received)) {
            throw new SignalingException(ErrorCode.RATE_LIMITED, "Too many joins from your address; join again in a few seconds.");
        }
        RoomEngine.Resume resume = Protocol.resume(message);
        if (resume != null) {
            rooms.join(client, client.roomId(), new RoomEngine.Entry(null, null, iceServers()), resume);
            metrics.resumed();
        } else {
            enter(client, message);
        }
    }

    /** Whether handling this join may wait on the network: a fresh join whose token's keys may have to be fetched. */
    boolean mayWait(Frame message) {
        return access.mayWait(message.token()) && Protocol.resume(message) == null;
    }

    /** {@code {"type":"ice-servers"}} from a joined peer. */
    void iceServers(Client client) throws SignalingException {
        RoomEngine.joined(client);
        client.send(Protocol.iceServers(iceServers()));
    }

    /** A fresh join: admitted by its token (when one is needed or sent), whose name, if any, wins over the one sent. */
    private void enter(Client client, Frame message) throws SignalingException {
        JoinGrant grant;
        try {
            grant = access.admit(message.token(), client.roomId());
        } catch (TokenRefused e) {
            throw new SignalingException(ErrorCode.UNAUTHORIZED, e.getMessage());
        }
        String name = grant != null && grant.name() != null ? grant.name() : Protocol.name(message);
        try {
            rooms.join(client, client.roomId(), new RoomEngine.Entry(name, grant == null ? null : grant.user(), iceServers()), null);
        } catch (SignalingException | RuntimeException e) {
            access.unused(grant);
            throw e;
        }
    }

    private JsonObject iceServers() {
        return ice == null ? null : ice.forPeer();
    }
}
