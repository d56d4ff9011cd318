package app.duet.webhooks.control;

import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.PeerEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;

/**
 * Signaling's call and peer events not yet in the outbox, in the order they happened, as
 * {@code calls.control.CallJournal} keeps them for the history: signaling's threads only append
 * here (under a room's lock: no database, no I/O), {@link OutboxWriter} writes them and removes
 * them once committed. At most {@code duet.webhook.queue} events (10,000 by default, a few hundred
 * bytes each) wait at once, so that a database outage cannot grow the heap without end: past that,
 * new events are dropped and counted ({@code duet_webhook_dropped_total{reason="queue-full"}}, a
 * log line at most once a minute). Without receivers set it keeps nothing.
 */
@ApplicationScoped
public class WebhookJournal {

    static final long LOG_EVERY_MS = 60_000;
    private static final Logger LOG = Logger.getLogger(WebhookJournal.class.getName());

    private final Deque<Object> pending = new ArrayDeque<>();
    private boolean enabled;
    private int capacity;
    private long loggedAt = Long.MIN_VALUE / 2;

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
        capacity = settings.queue();
    }

    void call(@Observes CallEvent event) {
        append(event);
    }

    void peer(@Observes PeerEvent event) {
        append(event);
    }

    /** Queues a {@link CallEvent} or {@link PeerEvent}; false when webhooks are off or the queue is full (counted). */
    synchronized boolean append(Object event) {
        if (!enabled) {
            return false;
        }
        if (pending.size() < capacity) {
            pending.addLast(event);
            return true;
        }
        metrics.dropped(WebhookMetrics.QUEUE_FULL);
        long now = System.currentTimeMillis();
        if (now - loggedAt >= LOG_EVERY_MS) {
            loggedAt = now;
            LOG.warning("Webhook queue full (" + capacity + " events waiting for the database, duet.webhook.queue):"
                    + " new events are dropped; see duet_webhook_dropped_total");
        }
        return false;
    }

    /** The oldest events, at most {@code max}, left in the journal. */
    synchronized List<Object> head(int max) {
        List<Object> head = new ArrayList<>(Math.min(max, pending.size()));
        for (Object event : pending) {
            if (head.size() == max) {
                break;
            }
            head.add(event);
        }
        return head;
    }

    /** Forgets the {@code count} oldest events: they are in the outbox (or dropped). */
    synchronized void written(int count) {
        for (int i = 0; i < count; i++) {
            pending.removeFirst();
        }
    }

    public synchronized int size() {
        return pending.size();
    }
}
