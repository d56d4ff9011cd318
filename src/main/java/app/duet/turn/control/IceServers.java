package app.duet.turn.control;

import app.duet.platform.control.SettingReader;
import app.duet.platform.control.Settings;
import app.duet.turn.entity.IceConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
    /** Found once: every {@code Json.create…} call looks the provider up again (a class path scan), and this runs at every join. */
    private static final JsonBuilderFactory JSON = JsonProvider.provider().createBuilderFactory(Map.of());
    /** Users mode, when no user could be written: how soon the page should ask again. */
    static final long RETRY_WITHOUT_TURN_MS = 15_000;

    @Inject
    Settings settings;

    @Inject
    SigningSecret secret;

    @Inject
    EphemeralUsers users;

    private LiveUsers live;

    @PostConstruct
    void init() {
        live = new LiveUsers(SettingReader.fromEnvironment().integer("turn.users.max", 10_000, 1, 10_000_000));
    }

    /** Said at most once a minute: every anonymous request would say it otherwise. */
    private void warnNoSecret() {
        long now = System.currentTimeMillis();
        long last = lastNoSecretWarning.get();
        if (now - last >= 60_000 && lastNoSecretWarning.compareAndSet(last, now)) {
            LOG.warning("duet.turn.urls is set in secret mode, but there is no secret (duet.turn.secret or"
                    + " turn_secret): TURN is left out");
        }
    }

    /**
     * Fresh ICE servers; in users mode with {@code duet.turn.users.max} ephemeral users live
     * already, none of TURN and {@link IceConfig#capped()} set.
     */
    public IceConfig forPage() {
        long expiresAt = System.currentTimeMillis() + settings.turnTtl().toMillis();
        String username = null;
        String credential = null;
        List<String> turnUrls = settings.turnUrls();
        if (!turnUrls.isEmpty()) {
            if (settings.turnMode().equals("users")) {
                if (!live.reserve(expiresAt, System.currentTimeMillis())) {
                    return withoutTurn(true);
                }
                username = "e-" + random(12);
                credential = random(18);
                if (!users.register(settings.turnRealm(), username, credential,
                        LocalDateTime.ofInstant(Instant.ofEpochMilli(expiresAt), ZoneOffset.UTC))) {
                    live.release(expiresAt);
                    return withoutTurn(false);
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
        return new IceConfig(settings.stunUrls(), turnUrls, username, credential, expiresAt, settings.iceTransportPolicy(), false);
    }

    /** No TURN for now (as without a secret): the page asks again soon, when this expires. */
    private IceConfig withoutTurn(boolean capped) {
        return new IceConfig(settings.stunUrls(), List.of(), null, null,
                System.currentTimeMillis() + RETRY_WITHOUT_TURN_MS, settings.iceTransportPolicy(), capped);
    }

    /** Users mode: ephemeral users this node minted that are still live. */
    public int liveUsers() {
        return live.live(System.currentTimeMillis());
    }

    /** Users mode: requests refused TURN because {@code duet.turn.users.max} users were live. */
    public long cappedRequests() {
        return live.refused();
    }

    /** The JSON of {@code GET api/ice-servers}, also carried by the signaling {@code joined} message. */
    public static JsonObject json(IceConfig config) {
        JsonArrayBuilder servers = JSON.createArrayBuilder();
        if (!config.stunUrls().isEmpty()) {
            servers.add(JSON.createObjectBuilder().add("urls", JSON.createArrayBuilder(config.stunUrls())));
        }
        if (!config.turnUrls().isEmpty()) {
            JsonObjectBuilder turn = JSON.createObjectBuilder().add("urls", JSON.createArrayBuilder(config.turnUrls()));
            turn.add("username", config.username()).add("credential", config.credential());
            servers.add(turn);
        }
        return JSON.createObjectBuilder()
                .add("iceServers", servers)
                .add("iceTransportPolicy", config.transportPolicy())
                .add("expiresAt", config.expiresAt())
                .build();
    }

    private static String random(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
