package app.duet.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Http;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One read of {@code /metrics}: its samples by name (with labels, as written). */
public final class Scrape {

    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-z_]+(?:\\{[^}]*\\})?) (\\S+)$");

    private final String body;
    private final Map<String, Double> samples;

    private Scrape(String body, Map<String, Double> samples) {
        this.body = body;
        this.samples = samples;
    }

    /** Reads {@code /metrics} through {@code http}, which must answer 200 with Prometheus text. */
    public static Scrape of(Http http) {
        HttpResponse<String> response = http.get("metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        Map<String, Double> samples = new HashMap<>();
        Matcher line = SAMPLE.matcher(response.body());
        while (line.find()) {
            samples.put(line.group(1), Double.parseDouble(line.group(2)));
        }
        return new Scrape(response.body(), samples);
    }

    public String body() {
        return body;
    }

    public boolean has(String sample) {
        return samples.containsKey(sample);
    }

    /** The sample's value; it must be there. */
    public double get(String sample) {
        assertTrue(samples.containsKey(sample), () -> sample + " missing from /metrics");
        return samples.get(sample);
    }

    /** How much {@code sample} rose since {@code before} (a counter not yet written there counts as 0). */
    public double since(Scrape before, String sample) {
        return get(sample) - before.samples.getOrDefault(sample, 0.0);
    }

    @Override
    public String toString() {
        return samples.toString();
    }
}
