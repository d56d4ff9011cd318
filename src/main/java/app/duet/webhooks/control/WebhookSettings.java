package app.duet.webhooks.control;

import app.duet.platform.control.SettingReader;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Webhooks (README, Webhooks): the receivers ({@code duet.webhook.urls}, http or https only, set
 * by whoever runs Duet, never through the API), the signing secret, the retry schedule, the HTTP
 * timeouts and the bounds of the in-memory queue and of the outbox table. Checked at start-up
 * ({@link Courier} reads them): a bad value stops the deployment.
 */
@ApplicationScoped
public class WebhookSettings {

    /** HMAC-SHA256 wants a key of at least its output size (RFC 2104, 3). */
    static final int MIN_SECRET_BYTES = 32;
    /** The outbox column's size. */
    static final int MAX_URL_LENGTH = 2048;
    /** How long an event is tried before it is given up. */
    public static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

    private SettingReader reader = SettingReader.fromEnvironment();

    private List<String> urls;
    private String secret;
    private Backoff backoff;
    private int connectTimeoutMillis;
    private int readTimeoutMillis;
    private int queue;
    private int outboxMax;

    public WebhookSettings() {
    }

    /** Settings read from the given values only (for tests and tools). */
    public static WebhookSettings of(Map<String, String> values) {
        WebhookSettings settings = new WebhookSettings();
        settings.reader = new SettingReader(values::get);
        settings.load();
        return settings;
    }

    @PostConstruct
    void load() {
        urls = reader.list("webhook.urls").stream().distinct().toList();
        urls.forEach(WebhookSettings::check);
        secret = reader.raw("webhook.secret");
        if (!urls.isEmpty() && (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES)) {
            throw SettingReader.invalid("webhook.secret", secret == null ? "" : "(hidden)",
                    "needs at least " + MIN_SECRET_BYTES + " bytes when duet.webhook.urls is set (it signs every event)");
        }
        int initial = reader.integer("webhook.retry.initial.millis", 5_000, 100, 3_600_000);
        int max = reader.integer("webhook.retry.max.millis", 3_600_000, 100, 86_400_000);
        if (max < initial) {
            throw SettingReader.invalid("webhook.retry.max.millis", String.valueOf(max),
                    "must be at least duet.webhook.retry.initial.millis (" + initial + ")");
        }
        backoff = new Backoff(initial, max, GIVE_UP_AFTER.toMillis());
        connectTimeoutMillis = reader.integer("webhook.connect.timeout.millis", 5_000, 100, 60_000);
        readTimeoutMillis = reader.integer("webhook.read.timeout.millis", 10_000, 100, 120_000);
        queue = reader.integer("webhook.queue", 10_000, 100, 1_000_000);
        outboxMax = reader.integer("webhook.outbox.max", 100_000, 1_000, 10_000_000);
    }

    /** An absolute http(s) address with a host, no user info (it would be sent nowhere) and no fragment. */
    private static void check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw SettingReader.invalid("webhook.urls", url, "is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw SettingReader.invalid("webhook.urls", url, "each URL must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw SettingReader.invalid("webhook.urls", url, "each URL needs a host, and no user info or #fragment");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw SettingReader.invalid("webhook.urls", url, "each URL is at most " + MAX_URL_LENGTH + " characters");
        }
    }

    /** Whether any receiver is set; without one nothing of webhooks runs. */
    public boolean enabled() {
        return !urls.isEmpty();
    }

    public List<String> urls() {
        return urls;
    }

    String secret() {
        return secret;
    }

    Backoff backoff() {
        return backoff;
    }

    int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    int readTimeoutMillis() {
        return readTimeoutMillis;
    }

    /** How many events may wait in memory for the database ({@code duet.webhook.queue}). */
    public int queue() {
        return queue;
    }

    /** How many rows the outbox table may hold ({@code duet.webhook.outbox.max}). */
    public int outboxMax() {
        return outboxMax;
    }
}
