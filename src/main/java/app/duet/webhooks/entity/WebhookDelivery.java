package app.duet.webhooks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One event to one receiver, as the outbox table {@code webhook_outbox} keeps it until it is
 * delivered or given up (see db/V7). Times are epoch millis. The application changes a row with
 * JPQL updates only (so that two nodes never overwrite each other's claim); this class reads it.
 */
@Entity
@Table(name = "webhook_outbox")
public class WebhookDelivery {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String GIVEN_UP = "given-up";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "event_id", nullable = false, length = 36)
    private String eventId;

    @Column(name = "event_type", nullable = false, length = 32)
    private String eventType;

    @Column(nullable = false, length = 2048)
    private String url;

    @Column(nullable = false, length = 16000)
    private String body;

    @Column(nullable = false)
    private long seq;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "next_attempt_at", nullable = false)
    private long nextAttemptAt;

    @Column(nullable = false)
    private int attempts;

    /** The node that recorded it, or took it over (see {@code Outbox.due}). */
    @Column(name = "sender_node", nullable = false, length = 36)
    private String node;

    @Column(name = "delivery_state", nullable = false, length = 16)
    private String state;

    @Column(name = "finished_at")
    private Long finishedAt;

    @Column(name = "last_error", length = 255)
    private String lastError;

    protected WebhookDelivery() {
    }

    public WebhookDelivery(String id, WebhookEvent event, String url, long seq, long now, String node) {
        this.id = id;
        this.eventId = event.id();
        this.eventType = event.type();
        this.url = url;
        this.body = event.body();
        this.seq = seq;
        this.createdAt = now;
        this.nextAttemptAt = now;
        this.node = node;
        this.state = PENDING;
    }

    public String getId() {
        return id;
    }

    public String getEventId() {
        return eventId;
    }

    public String getEventType() {
        return eventType;
    }

    public String getUrl() {
        return url;
    }

    public String getBody() {
        return body;
    }

    public long getSeq() {
        return seq;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public long getNextAttemptAt() {
        return nextAttemptAt;
    }

    public int getAttempts() {
        return attempts;
    }

    public String getNode() {
        return node;
    }

    public String getState() {
        return state;
    }

    public Long getFinishedAt() {
        return finishedAt;
    }

    public String getLastError() {
        return lastError;
    }
}
