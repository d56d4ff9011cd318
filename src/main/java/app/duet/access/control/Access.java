package app.duet.access.control;

import app.duet.access.entity.AccessMode;
import app.duet.access.entity.JoinGrant;
import app.duet.access.entity.TokenRefused;
import app.duet.access.entity.TokenRefused.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may join which room, the one question signaling and the ICE servers resource ask. In
 * {@code open} mode a join without a token is let in; a token that comes along is still checked,
 * so that an invite's name holds and a broken link is told so. In {@code token} mode a join needs
 * a token for its room.
 */
@ApplicationScoped
public class Access {

    @Inject
    AccessSettings settings;

    @Inject
    JoinTokens tokens;

    private final TokenUses uses = new TokenUses(TokenUses.MAX);

    public Access() {
    }

    public Access(AccessSettings settings) {
        this.settings = settings;
        this.tokens = new JoinTokens(settings);
    }

    public AccessMode mode() {
        return settings.mode();
    }

    /**
     * The grant for joining {@code roomId} with {@code token} (null when none was sent): null in
     * open mode without a token. A token with a {@code uses} claim spends one use here; give it back
     * with {@link #unused} when the join then fails.
     */
    public JoinGrant admit(String token, String roomId) throws TokenRefused {
        if (token == null && settings.mode() == AccessMode.OPEN) {
            return null;
        }
        JoinGrant grant = tokens.verify(token);
        if (!grant.admits(roomId)) {
            throw new TokenRefused(Reason.WRONG_ROOM);
        }
        if (grant.usesId() != null && !uses.take(grant, System.currentTimeMillis())) {
            throw new TokenRefused(Reason.USED_UP);
        }
        return grant;
    }

    /** Whether {@link #admit} may wait on the network for {@code token} (its keys may have to be fetched). */
    public boolean mayWait(String token) {
        return token != null && tokens.mayWait();
    }

    /** A join admitted by {@link #admit} did not happen: its use, if counted, is given back. */
    public void unused(JoinGrant grant) {
        if (grant != null && grant.usesId() != null) {
            uses.giveBack(grant);
        }
    }

    /**
     * Whether a request for ICE servers outside a room may have them: in token mode only with a
     * valid join token (for any room; no use is spent); in open mode always.
     */
    public void checkBearer(String token) throws TokenRefused {
        if (settings.mode() == AccessMode.TOKEN) {
            tokens.verify(token);
        }
    }
}
