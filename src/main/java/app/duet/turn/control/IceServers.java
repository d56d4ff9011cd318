package app.duet.turn.control;

import app.duet.platform.control.Settings;
import app.duet.turn.entity.IceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The ICE servers for one page, with fresh TURN credentials valid for {@code duet.turn.ttl.seconds}:
 * signed with the TURN REST API secret (secret mode, from memory: {@link SigningSecret}), or a
 * short-lived user of its own in turnusers_lt, removed when it expires (users mode; written with a
 * deadline, {@link EphemeralUsers}: when it cannot be, the answer has no TURN entry and expires in
 * {@value #RETRY_WITHOUT_TURN_MS} ms, so the page asks again soon). Never waits on the database
 * for long.
 */
@ApplicationScoped
public class IceServers {

    private static final Logger LOG = Logger.getLogger(IceServers.class.getName());
    private final AtomicLong lastNoSecretWarning = new AtomicLong(Long.MIN_VALUE / 2);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Users mode, when no user could be written: how soon the page should ask again. */
    static final long RETRY_WITHOUT_TURN_MS = 15_000;

    @Inject
    Settings settings;

    @Inject
    SigningSecret secret;

    @Inject
    EphemeralUsers users;

    /** Said at most once a minute: every anonymous request would say it otherwise. */
    private void warnNoSecret() {
        long now = System.currentTimeMillis();
        long last = lastNoSecretWarning.get();
        if (now - last >= 60_000 && lastNoSecretWarning.compareAndSet(last, now)) {
            LOG.warning("duet.turn.urls is set in secret mode, but there is no secret (duet.turn.secret or"
                    + " turn_secret): TURN is left out");
        }
    }

    public IceConfig forPage() {
        long expiresAt = System.currentTimeMillis() + settings.turnTtl().toMillis();
        String username = null;
        String credential = null;
        List<String> turnUrls = settings.turnUrls();
        if (!turnUrls.isEmpty()) {
            if (settings.turnMode().equals("users")) {
                username = "e-" + random(12);
                credential = random(18);
                if (!users.register(settings.turnRealm(), username, credential,
                        LocalDateTime.ofInstant(Instant.ofEpochMilli(expiresAt), ZoneOffset.UTC))) {
                    // no TURN for now (as without a secret); the page asks again when this expires
                    return new IceConfig(settings.stunUrls(), List.of(), null, null,
                            System.currentTimeMillis() + RETRY_WITHOUT_TURN_MS, settings.iceTransportPolicy());
                }
            } else {
                String secret = this.secret.current().orElse(null);
                if (secret == null) {
                    warnNoSecret();
                    turnUrls = List.of();
                } else {
                    username = RestCredentials.username(expiresAt / 1000, random(9));
                    credential = RestCredentials.password(secret, username);
                }
            }
        }
        return new IceConfig(settings.stunUrls(), turnUrls, username, credential, expiresAt, settings.iceTransportPolicy());
    }

    private static String random(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
