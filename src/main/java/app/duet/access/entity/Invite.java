package app.duet.access.entity;

import java.time.Instant;

/** An invite link minted by an admin: the room, the join token for it, and until when it admits. */
public record Invite(String room, String token, Instant expiresAt) {
}
