package app.duet.webhooks.control;

import app.duet.webhooks.entity.WebhookDelivery;
import app.duet.webhooks.entity.WebhookEvent;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * The outbox table, {@code webhook_outbox}: one row per event and receiver, shared by the nodes of
 * a cluster. Each change is one short transaction; a row is changed only by conditional updates,
 * so that of two nodes only one ever sends an attempt ({@link #claim}).
 */
@ApplicationScoped
public class Outbox {

    /** This process's name in the outbox: the rows it records are its own to send. */
    final String node = UUID.randomUUID().toString();

    @PersistenceContext(unitName = "duet")
    EntityManager em;

    @Resource
    DataSource dataSource;

    /** The row of event {@code eventId} for receiver {@code url}: the same on every node. */
    static String deliveryId(String eventId, String url) {
        return UUID.nameUUIDFromBytes((eventId + '\n' + url).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Adds a row per event and receiver, each unless it is there already: in a cluster both sides'
     * nodes record a call's start (when both write at once, one transaction fails and is tried
     * again, then skips it), as the history does. Returns how many rows were added.
     */
    @Transactional
    public int add(List<WebhookEvent> events, List<String> urls, LongSupplier seq, long now) {
        int added = 0;
        for (WebhookEvent event : events) {
            for (String url : urls) {
                String id = deliveryId(event.id(), url);
                if (em.find(WebhookDelivery.class, id) == null) {
                    em.persist(new WebhookDelivery(id, event, url, seq.getAsLong(), now, node));
                    added++;
                }
            }
        }
        return added;
    }

    /**
     * Pending rows due at {@code now}, oldest first, at most {@code max}: this node's, and another
     * node's once it is overdue by {@code takeoverMillis} (that node is gone, or restarted under a
     * new name); {@code takeoverMillis} 0 takes every due row (a node on its own).
     */
    public List<WebhookDelivery> due(long now, long takeoverMillis, int max) {
        return em.createQuery("SELECT d FROM WebhookDelivery d WHERE d.state = :pending AND d.nextAttemptAt <= :now"
                        + " AND (d.node = :node OR d.nextAttemptAt <= :orphaned) ORDER BY d.seq", WebhookDelivery.class)
                .setParameter("pending", WebhookDelivery.PENDING).setParameter("now", now).setParameter("node", node)
                .setParameter("orphaned", now - takeoverMillis).setMaxResults(max).getResultList();
    }

    /**
     * Takes the row for one attempt: true when this node got it (the row was still as read), and
     * it is then not due again before {@code leaseUntil}, should this node die while sending.
     */
    @Transactional
    public boolean claim(WebhookDelivery row, long leaseUntil) {
        return em.createQuery("UPDATE WebhookDelivery d SET d.nextAttemptAt = :lease, d.node = :node"
                        + " WHERE d.id = :id AND d.state = :pending AND d.nextAttemptAt = :seen")
                .setParameter("lease", leaseUntil).setParameter("node", node).setParameter("id", row.getId())
                .setParameter("pending", WebhookDelivery.PENDING).setParameter("seen", row.getNextAttemptAt())
                .executeUpdate() == 1;
    }

    /** Delivered; the last error, if any, stays (the admin API shows what failed before). */
    @Transactional
    public void delivered(String id, int attempts, long now) {
        em.createQuery("UPDATE WebhookDelivery d SET d.state = :delivered, d.attempts = :attempts, d.finishedAt = :now"
                        + " WHERE d.id = :id AND d.state = :pending")
                .setParameter("delivered", WebhookDelivery.DELIVERED).setParameter("attempts", attempts)
                .setParameter("now", now).setParameter("id", id).setParameter("pending", WebhookDelivery.PENDING)
                .executeUpdate();
    }

    /** Given up: false when another node had already finished it. */
    @Transactional
    public boolean givenUp(String id, int attempts, long now, String error) {
        return em.createQuery("UPDATE WebhookDelivery d SET d.state = :givenUp, d.attempts = :attempts, d.finishedAt = :now,"
                        + " d.lastError = :error WHERE d.id = :id AND d.state = :pending")
                .setParameter("givenUp", WebhookDelivery.GIVEN_UP).setParameter("attempts", attempts).setParameter("now", now)
                .setParameter("error", error).setParameter("id", id).setParameter("pending", WebhookDelivery.PENDING)
                .executeUpdate() == 1;
    }

    /** The newest rows that met a failure (pending, delivered at last, or given up), at most {@code max}. */
    public List<WebhookDelivery> recentFailures(int max) {
        return em.createQuery("SELECT d FROM WebhookDelivery d WHERE d.lastError IS NOT NULL ORDER BY d.seq DESC",
                WebhookDelivery.class).setMaxResults(max).getResultList();
    }

    @Transactional
    public void retryAt(String id, int attempts, long next, String error) {
        em.createQuery("UPDATE WebhookDelivery d SET d.attempts = :attempts, d.nextAttemptAt = :next, d.lastError = :error"
                        + " WHERE d.id = :id AND d.state = :pending")
                .setParameter("attempts", attempts).setParameter("next", next).setParameter("error", error)
                .setParameter("id", id).setParameter("pending", WebhookDelivery.PENDING).executeUpdate();
    }

    /** Gives up the pending rows of receivers no longer set; returns how many. */
    @Transactional
    public int forgetOtherUrls(List<String> urls, long now) {
        return em.createQuery("UPDATE WebhookDelivery d SET d.state = :givenUp, d.finishedAt = :now,"
                        + " d.lastError = 'receiver no longer in duet.webhook.urls' WHERE d.state = :pending AND d.url NOT IN :urls")
                .setParameter("givenUp", WebhookDelivery.GIVEN_UP).setParameter("now", now)
                .setParameter("pending", WebhookDelivery.PENDING).setParameter("urls", urls).executeUpdate();
    }

    public long count() {
        return em.createQuery("SELECT COUNT(d) FROM WebhookDelivery d", Long.class).getSingleResult();
    }

    public long pending() {
        return em.createQuery("SELECT COUNT(d) FROM WebhookDelivery d WHERE d.state = :pending", Long.class)
                .setParameter("pending", WebhookDelivery.PENDING).getSingleResult();
    }

    /**
     * Deletes at most {@code max} rows, oldest first: finished ones (delivered or given up, and
     * {@code finishedBefore} when not null), or pending ones; returns how many.
     */
    @Transactional
    public int deleteOldest(boolean finished, Long finishedBefore, int max) {
        String which = finished ? "d.state <> :pending" + (finishedBefore == null ? "" : " AND d.finishedAt < :before")
                : "d.state = :pending";
        var select = em.createQuery("SELECT d.id FROM WebhookDelivery d WHERE " + which + " ORDER BY d.seq", String.class)
                .setParameter("pending", WebhookDelivery.PENDING).setMaxResults(max);
        if (finished && finishedBefore != null) {
            select.setParameter("before", finishedBefore);
        }
        List<String> ids = select.getResultList();
        return ids.isEmpty() ? 0 : em.createQuery("DELETE FROM WebhookDelivery d WHERE d.id IN :ids")
                .setParameter("ids", ids).executeUpdate();
    }

    /** Whether the database answers at all, over plain JDBC (see {@code CallRecords.answers}). */
    public boolean answers() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
