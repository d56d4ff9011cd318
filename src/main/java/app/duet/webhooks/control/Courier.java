package app.duet.webhooks.control;

import app.duet.platform.control.Settings;
import app.duet.platform.control.SkipWhileBusy;
import app.duet.webhooks.entity.WebhookDelivery;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the outbox's due rows, oldest first, one request at a time on an EJB timer's thread (never
 * a signaling thread; nothing signaling does waits for it). A failed attempt is tried again on the
 * {@link Backoff} schedule, each row on its own (a receiver refusing one event still gets the
 * others, so they may arrive out of order after failures); a receiver that failed is asked nothing
 * more until the next tick, so one that is down or hangs costs at most one attempt per tick, each
 * bounded by the connect and read timeouts. In a cluster a
 * node sends the rows it recorded, and another node's only once they are overdue by
 * {@value #TAKEOVER_MS} ms (that node is gone); every attempt is claimed first
 * ({@link Outbox#claim}), so no two nodes send one attempt. A node killed while sending leaves its
 * claim, and the row is sent again after the lease: delivery is at least once.
 */
@Singleton
@Startup
@DependsOn("Migrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Courier {

    static final long TICK_MS = 500;
    static final int PAGE = 100;
    /** A tick starts no new request after this long; the rest waits for the next tick. */
    static final long TICK_BUDGET_MS = 5_000;
    static final long TAKEOVER_MS = 30_000;
    static final long COUNT_EVERY_MS = 5_000;
    static final long PURGE_EVERY_MS = 60_000;
    private static final Logger LOG = Logger.getLogger(Courier.class.getName());

    @Resource
    TimerService timers;

    @Inject
    WebhookSettings settings;

    @Inject
    Settings platform;

    @Inject
    Outbox outbox;

    @Inject
    WebhookMetrics metrics;

    private Sender sender;
    private long leaseMillis;
    private final SkipWhileBusy ticking = new SkipWhileBusy();
    private long countedAt;
    private long purgedAt;

    @PostConstruct
    void start() {
        // reading the settings here checks them at start-up: a bad value stops the deployment
        if (!settings.enabled()) {
            return;
        }
        sender = new Sender(settings.secret(), settings.connectTimeoutMillis(), settings.readTimeoutMillis(), System::currentTimeMillis);
        leaseMillis = settings.connectTimeoutMillis() + settings.readTimeoutMillis() + 5_000L;
        try {
            int forgotten = outbox.forgetOtherUrls(settings.urls(), System.currentTimeMillis());
            if (forgotten > 0) {
                LOG.info(() -> forgotten + " pending webhook deliveries to receivers no longer in duet.webhook.urls given up");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not read the webhook outbox at start-up (database away?)", e);
        }
        LOG.info(() -> "Webhooks: events go to " + settings.urls().size() + " receiver(s)");
        timers.createIntervalTimer(TICK_MS, TICK_MS, new TimerConfig("duet-webhook-courier", false));
    }

    /** Every {@value #TICK_MS} ms; a tick that comes while the last one still sends does nothing. */
    @Timeout
    void tick() {
        ticking.run(() -> {
            try {
                long now = System.currentTimeMillis();
                if (now - countedAt >= COUNT_EVERY_MS) {
                    countedAt = now;
                    metrics.pending(outbox.pending());
                }
                if (now - purgedAt >= PURGE_EVERY_MS) {
                    purgedAt = now;
                    purge(now);
                }
                send(now);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Webhook delivery tick failed (database away?); next tick", e);
            }
        });
    }

    private void send(long start) {
        long takeover = platform.clustered() ? TAKEOVER_MS : 0;
        // a receiver that failed in this tick is not asked again before the next one: one attempt
        // per tick bounds what a receiver that is down or hangs costs, and blocks no other receiver
        Set<String> failed = new HashSet<>();
        while (true) {
            List<WebhookDelivery> due = outbox.due(System.currentTimeMillis(), takeover, PAGE);
            int tried = 0;
            for (WebhookDelivery row : due) {
                if (System.currentTimeMillis() - start > TICK_BUDGET_MS) {
                    return;
                }
                if (!failed.contains(row.getUrl()) && attempt(row, failed)) {
                    tried++;
                }
            }
            if (due.size() < PAGE || tried == 0) {
                return;
            }
        }
    }

    /** One attempt at a row, unless another node has it; true when made. */
    private boolean attempt(WebhookDelivery row, Set<String> failed) {
        if (!outbox.claim(row, System.currentTimeMillis() + leaseMillis)) {
            return false;
        }
        Sender.Outcome outcome = sender.post(row.getUrl(), row.getEventId(), row.getEventType(), row.getBody());
        int attempts = row.getAttempts() + 1;
        long now = System.currentTimeMillis();
        if (outcome.delivered()) {
            metrics.delivered();
            outbox.delivered(row.getId(), attempts, now);
            return true;
        }
        failed.add(row.getUrl());
        metrics.failed();
        long next = settings.backoff().next(row.getCreatedAt(), attempts, now);
        if (next == Backoff.GIVE_UP) {
            if (outbox.givenUp(row.getId(), attempts, now, outcome.error())) {
                metrics.givenUp();
            }
            LOG.warning(() -> "Webhook " + row.getEventType() + " " + row.getEventId() + " to " + row.getUrl()
                    + " given up after " + attempts + " attempts: " + outcome.error());
        } else {
            outbox.retryAt(row.getId(), attempts, next, outcome.error());
            LOG.fine(() -> "Webhook to " + row.getUrl() + " failed (" + outcome.error() + "); next attempt in "
                    + (next - System.currentTimeMillis()) + " ms");
        }
        return true;
    }

    /** Finished rows are kept a day, so that a late copy of an event (another node's) is still known. */
    private void purge(long now) {
        long before = now - WebhookSettings.GIVE_UP_AFTER.toMillis();
        while (outbox.deleteOldest(true, before, OutboxWriter.DELETE_BATCH) == OutboxWriter.DELETE_BATCH) {
            // the next batch
        }
    }
}
