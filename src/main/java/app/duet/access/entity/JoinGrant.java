package app.duet.access.entity;

import java.time.Instant;

/**
 * What a verified join token grants: a room ({@code *} for any), optionally the display name the
 * peer is known by and the user id the history keeps, until when the token admits joins, and,
 * for a token with a limited number of uses, its id ({@code jti}; else null) and how many.
 */
public record JoinGrant(String room, String name, String user, Instant expiresAt, String usesId, long uses) {

    public static final String ANY_ROOM = "*";

    public boolean admits(String roomId) {
        return ANY_ROOM.equals(room) || room.equals(roomId);
    }
}
