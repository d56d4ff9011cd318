package app.duet.webhooks.control;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * One {@code POST} of an event to a receiver, on the calling thread (the JDK's
 * {@link HttpURLConnection}: no threads of its own in the server). Connecting and each read are
 * bounded ({@code duet.webhook.connect.timeout.millis}, {@code duet.webhook.read.timeout.millis});
 * redirects are not followed (a receiver that moved is a failure to be fixed in the settings);
 * only the status is read, then the connection is dropped, so a receiver that streams a body
 * cannot hold the sender.
 */
final class Sender {

    /** What came of an attempt: delivered (2xx), or why not, in a few words for the outbox. */
    record Outcome(boolean delivered, String error) {
    }

    private final String secret;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final LongSupplier clock;

    Sender(String secret, int connectTimeoutMillis, int readTimeoutMillis, LongSupplier clock) {
        this.secret = secret;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
        this.clock = clock;
    }

    Outcome post(String url, String eventId, String type, String body) {
        HttpURLConnection connection = null;
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setDoOutput(true);
            connection.setRequestMethod("POST");
            connection.setFixedLengthStreamingMode(bytes.length);
            connection.setRequestProperty("Content-Type", "application/json; charset=utf-8");
            connection.setRequestProperty("User-Agent", "Duet-Webhooks");
            connection.setRequestProperty("Duet-Event", type);
            connection.setRequestProperty("Duet-Event-Id", eventId);
            connection.setRequestProperty(Signature.HEADER, Signature.header(secret, clock.getAsLong() / 1000, body));
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
            int status = connection.getResponseCode();
            return status >= 200 && status < 300 ? new Outcome(true, null) : new Outcome(false, "HTTP " + status);
        } catch (IOException | RuntimeException e) {
            String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new Outcome(false, message.length() > 255 ? message.substring(0, 255) : message);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
