package app.duet.webhooks.control;

import app.duet.platform.control.BoundedJournal;
import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.PeerEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Signaling's call and peer events not yet in the outbox, in the order they happened, as
 * {@code calls.control.CallJournal} keeps them for the history: signaling's threads only append
 * here (under a room's lock: no database, no I/O), {@link OutboxWriter} writes them and removes
 * them once committed. At most {@code duet.webhook.queue} events (10,000 by default, a few hundred
 * bytes each) wait at once, so that a database outage cannot grow the heap without end: past that,
 * new events are dropped and counted ({@code duet_webhook_dropped_total{reason="queue-full"}}, a
 * log line at most once a minute, see {@link BoundedJournal}). Without receivers set it keeps nothing.
 */
@ApplicationScoped
public class WebhookJournal {

    private BoundedJournal<Object> pending;
    private boolean enabled;

    @Inject
    WebhookSettings settings;

    @Inject
    WebhookMetrics metrics;

    public WebhookJournal() {
    }

    WebhookJournal(WebhookSettings settings, WebhookMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        init();
    }

    @PostConstruct
    void init() {
        enabled = settings.enabled();
        pending = new BoundedJournal<>("Webhook", "duet.webhook.queue", settings.queue(), System::currentTimeMillis);
    }

    void call(@Observes CallEvent event) {
        append(event);
    }

    void peer(@Observes PeerEvent event) {
        append(event);
    }

    /** Queues a {@link CallEvent} or {@link PeerEvent}; false when webhooks are off or the queue is full (counted). */
    boolean append(Object event) {
        if (!enabled) {
            return false;
        }
        if (pending.append(event)) {
            return true;
        }
        metrics.dropped(WebhookMetrics.QUEUE_FULL);
        return false;
    }

    /** The oldest events, at most {@code max}, left in the journal. */
    List<Object> head(int max) {
        return pending.head(max);
    }

    /** Forgets the {@code count} oldest events: they are in the outbox (or dropped). */
    void written(int count) {
        pending.written(count);
    }

    public int size() {
        return pending.size();
    }
}
