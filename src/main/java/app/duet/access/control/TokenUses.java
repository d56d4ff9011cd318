package app.duet.access.control;

import app.duet.access.entity.JoinGrant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many joins each token with a {@code uses} claim has left, by its {@code jti}, in this
 * node's memory (in a cluster each node counts on its own). Only signed tokens make entries, and
 * an entry is forgotten once its token has expired; past {@link #MAX} live entries a new counted
 * token is refused rather than letting the table grow.
 */
final class TokenUses {

    static final int MAX = 100_000;

    private record Left(long uses, long expiresAtMillis) {
    }

    private final ConcurrentHashMap<String, Left> left = new ConcurrentHashMap<>();
    private final int max;

    TokenUses(int max) {
        this.max = max;
    }

    /** Takes one use of the grant's token: false when none is left (or the table is full). */
    boolean take(JoinGrant grant, long now) {
        if (!left.containsKey(grant.usesId()) && left.size() >= max) {
            sweep(now);
            if (left.size() >= max) {
                return false;
            }
        }
        boolean[] taken = new boolean[1];
        left.compute(grant.usesId(), (id, l) -> {
            Left current = l != null ? l : new Left(grant.uses(), grant.expiresAt().toEpochMilli() + JoinTokens.LEEWAY_SECONDS * 1000L);
            taken[0] = current.uses() > 0;
            return taken[0] ? new Left(current.uses() - 1, current.expiresAtMillis()) : current;
        });
        return taken[0];
    }

    /** Gives back a use taken for a join that then failed (the room was full, say). */
    void giveBack(JoinGrant grant) {
        left.computeIfPresent(grant.usesId(), (id, l) -> new Left(l.uses() + 1, l.expiresAtMillis()));
    }

    /** Forgets the tokens that have expired: they admit nobody any more. */
    void sweep(long now) {
        left.values().removeIf(l -> l.expiresAtMillis() < now);
    }

    int size() {
        return left.size();
    }
}
