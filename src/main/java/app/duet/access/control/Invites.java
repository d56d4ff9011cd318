package app.duet.access.control;

import app.duet.access.entity.Invite;
import app.duet.platform.entity.Refusal;
import app.duet.platform.entity.RoomId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Invite links for operators without a backend of their own: a join token for a room (a fresh
 * unguessable one when none is named), optionally with a display name and a number of uses,
 * signed with the first of {@code duet.token.secrets}.
 */
@ApplicationScoped
public class Invites {

    static final long DEFAULT_SECONDS = 86_400;
    static final long MAX_SECONDS = 366L * 86_400;
    static final long MAX_USES = 1_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    JoinTokens tokens;

    public Invite create(String room, String name, Long expiresIn, Long uses) {
        if (!tokens.canMint()) {
            throw new Refusal(Refusal.Kind.CONFLICT, null,
                    "Invites are signed with the first of duet.token.secrets, and none is set.");
        }
        if (room != null && !RoomId.valid(room)) {
            throw Refusal.invalid("room", "\"room\" is 1 to 64 letters, digits, '-' or '_'.");
        }
        if (name != null) {
            int length = name.strip().codePointCount(0, name.strip().length());
            if (length < 1 || length > JoinTokens.MAX_NAME) {
                throw Refusal.invalid("name", "\"name\" must be 1 to " + JoinTokens.MAX_NAME + " characters.");
            }
        }
        long seconds = expiresIn == null ? DEFAULT_SECONDS : expiresIn;
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw Refusal.invalid("expiresIn", "\"expiresIn\" is a number of seconds from 1 to " + MAX_SECONDS + ".");
        }
        if (uses != null && (uses < 1 || uses > MAX_USES)) {
            throw Refusal.invalid("uses", "\"uses\" is a whole number from 1 to " + MAX_USES + ".");
        }
        String id = room != null ? room : freshRoom();
        Instant expiresAt = Instant.ofEpochSecond(Instant.now().getEpochSecond()).plus(Duration.ofSeconds(seconds));
        return new Invite(id, tokens.mint(id, name == null ? null : name.strip(), expiresAt, uses), expiresAt);
    }

    /** 128 random bits: nobody guesses it, and it is a valid room id. */
    static String freshRoom() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
