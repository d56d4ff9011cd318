package app.duet.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every setting of Duet in one place. A setting {@code heartbeat.seconds} is read from the system
 * property {@code duet.heartbeat.seconds}, else from the environment variable
 * {@code DUET_HEARTBEAT_SECONDS}, else it takes its default. Values are checked once, at start-up:
 * a bad value stops the deployment with a message naming the setting.
 */
@ApplicationScoped
public class Settings {

    private SettingReader reader = SettingReader.fromEnvironment();

    private int maxMessageBytes;
    private Duration heartbeatInterval;
    private Duration heartbeatTimeout;
    private Duration resumeGrace;
    private int resumeBuffer;
    private long resumeBufferBytes;
    private long memoryBudgetBytes;
    private int rateBurst;
    private double ratePerSecond;
    private List<String> allowedOrigins;
    private List<String> stunUrls;
    private String turnRealm;
    private List<String> turnUrls;
    private String turnMode;
    private String turnSecret;
    private Duration turnTtl;
    private String iceTransportPolicy;
    private String adminPassword;
    private String redisUrl;
    private Duration nodeTtl;

    public Settings() {
    }

    /** Settings read from the given values only (for tests and tools). */
    public static Settings of(Map<String, String> values) {
        Settings settings = new Settings();
        settings.reader = new SettingReader(values::get);
        settings.load();
        return settings;
    }

    @PostConstruct
    void load() {
        // the endpoint assembles at most this many characters of a message arriving in parts
        maxMessageBytes = integer("max.message.bytes", 65536, 256, 1024 * 1024);
        heartbeatInterval = seconds("heartbeat.seconds", 10);
        heartbeatTimeout = seconds("heartbeat.timeout.seconds", 30);
        if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
            throw invalid("heartbeat.timeout.seconds", heartbeatTimeout.toMillis() / 1000.0 + "",
                    "must be longer than duet.heartbeat.seconds (" + heartbeatInterval.toMillis() / 1000.0 + ")");
        }
        resumeGrace = seconds("resume.grace.seconds", 15);
        resumeBuffer = integer("resume.buffer", 64, 0, 100_000);
        resumeBufferBytes = integer("resume.buffer.bytes", 256 * 1024, 0, 1 << 30);
        memoryBudgetBytes = integer("memory.budget.bytes", 128 << 20, 1 << 20, Integer.MAX_VALUE);
        rateBurst = integer("rate.burst", 200, 1, 1_000_000);
        ratePerSecond = number("rate.per.second", 50, 0.1, 1_000_000);
        allowedOrigins = list("allowed.origins");
        stunUrls = list("stun.urls");
        turnRealm = raw("turn.realm") == null ? "duet" : raw("turn.realm");
        turnUrls = list("turn.urls");
        for (String url : turnUrls) {
            if (!url.startsWith("turn:") && !url.startsWith("turns:")) {
                throw invalid("turn.urls", url, "each URL must start with turn: or turns:");
            }
        }
        turnMode = choice("turn.mode", "secret", "secret", "users");
        turnSecret = raw("turn.secret");
        turnTtl = seconds("turn.ttl.seconds", 3600);
        iceTransportPolicy = choice("ice.transport.policy", "all", "all", "relay");
        redisUrl = raw("redis.url");
        if (redisUrl != null && !redisUrl.matches("(redis|rediss|redis-sentinel|rediss-sentinel)://.+")) {
            throw invalid("redis.url", redisUrl, "must be a redis://, rediss:// or redis-sentinel:// URL");
        }
        nodeTtl = seconds("node.ttl.seconds", 6);
        if (nodeTtl.toMillis() < 2000) {
            throw invalid("node.ttl.seconds", nodeTtl.toMillis() / 1000.0 + "", "must be at least 2");
        }
        adminPassword = raw("admin.password");
        if (adminPassword != null && adminPassword.length() < 12) {
            throw invalid("admin.password", "…", "must be at least 12 characters");
        }
        for (String url : stunUrls) {
            if (!url.startsWith("stun:") && !url.startsWith("stuns:")) {
                throw invalid("stun.urls", url, "each URL must start with stun: or stuns:");
            }
        }
    }

    /** Largest text message a peer may send, in UTF-8 bytes. */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** A socket silent for this long is pinged. */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** A socket silent for this long (no message, no pong) is dropped. */
    public Duration heartbeatTimeout() {
        return heartbeatTimeout;
    }

    /** How long a dropped peer keeps its slot for a resume. */
    public Duration resumeGrace() {
        return resumeGrace;
    }

    /**
     * How many of the latest frames each slot keeps to replay on resume; also the most that may
     * wait for a peer that is away.
     */
    public int resumeBuffer() {
        return resumeBuffer;
    }

    /** The most each slot keeps for replay (or for a peer that is away), in bytes of heap (2 per character). */
    public long resumeBufferBytes() {
        return resumeBufferBytes;
    }

    /** The most all sockets together may hold: messages being assembled and frames kept for resume. */
    public long memoryBudgetBytes() {
        return memoryBudgetBytes;
    }

    public int rateBurst() {
        return rateBurst;
    }

    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** Origins allowed besides the page's own; {@code *} allows any. */
    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** STUN server URLs handed to the call page, e.g. {@code stun:stun.example.org:3478}. */
    public List<String> stunUrls() {
        return stunUrls;
    }

    /** The realm of TURN users, as coturn's {@code realm=} setting. */
    public String turnRealm() {
        return turnRealm;
    }

    /** TURN server URLs handed to the page with credentials ({@code turn:host:3478?transport=udp}, {@code turns:…}). */
    public List<String> turnUrls() {
        return turnUrls;
    }

    /**
     * How TURN credentials are made: {@code secret} (TURN REST API, coturn's use-auth-secret) or
     * {@code users} (a short-lived user per request in turnusers_lt, coturn's lt-cred-mech).
     */
    public String turnMode() {
        return turnMode;
    }

    /** The shared secret of secret mode when coturn's turn_secret table holds none. */
    public String turnSecret() {
        return turnSecret;
    }

    /** How long TURN credentials handed to the page stay valid. */
    public Duration turnTtl() {
        return turnTtl;
    }

    /** {@code all}, or {@code relay} to make browsers use TURN only (hides their addresses from each other). */
    public String iceTransportPolicy() {
        return iceTransportPolicy;
    }

    /** The password of the admin API account 'admin', or null to generate one on the first start. */
    public String adminPassword() {
        return adminPassword;
    }

    /**
     * The Redis that nodes share rooms through ({@code redis://host:6379},
     * {@code redis-sentinel://host:26379#master}); null for a single node keeping rooms in memory.
     */
    public String redisUrl() {
        return redisUrl;
    }

    /** Whether this node shares rooms with others (a Redis URL is set). */
    public boolean clustered() {
        return redisUrl != null;
    }

    /**
     * How long a node's liveness key lives in Redis; it is renewed every second. When it expires
     * the node is taken for dead and the other nodes free its slots.
     */
    public Duration nodeTtl() {
        return nodeTtl;
    }

    private String choice(String key, String fallback, String... allowed) {
        return reader.choice(key, fallback, allowed);
    }

    private List<String> list(String key) {
        return reader.list(key);
    }

    private String raw(String key) {
        return reader.raw(key);
    }

    private int integer(String key, int fallback, int min, int max) {
        return reader.integer(key, fallback, min, max);
    }

    private double number(String key, double fallback, double min, double max) {
        return reader.number(key, fallback, min, max);
    }

    private Duration seconds(String key, double fallback) {
        return reader.seconds(key, fallback);
    }

    private static IllegalStateException invalid(String key, String value, String why) {
        return SettingReader.invalid(key, value, why);
    }

    static String envName(String key) {
        return SettingReader.envName(key);
    }
}
