package app.duet.webhooks.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** This node's webhook counters for {@code /metrics} (README, Metrics). */
@ApplicationScoped
public class WebhookMetrics {

    /** Why events were dropped before delivery: the in-memory queue was full, the outbox was, or the database kept refusing one. */
    public static final String QUEUE_FULL = "queue-full";
    public static final String OUTBOX_FULL = "outbox-full";
    public static final String REFUSED = "refused";
    public static final List<String> DROP_REASONS = List.of(QUEUE_FULL, OUTBOX_FULL, REFUSED);

    private final LongAdder delivered = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder givenUp = new LongAdder();
    private final LongAdder[] dropped = {new LongAdder(), new LongAdder(), new LongAdder()};
    private volatile long pending = -1;

    void delivered() {
        delivered.increment();
    }

    void failed() {
        failures.increment();
    }

    void givenUp() {
        givenUp.increment();
    }

    void dropped(String reason) {
        dropped(reason, 1);
    }

    void dropped(String reason, long count) {
        dropped[DROP_REASONS.indexOf(reason)].add(count);
    }

    void pending(long rows) {
        pending = rows;
    }

    /** Deliveries a receiver answered with 2xx. */
    public long deliveries() {
        return delivered.sum();
    }

    /** Attempts that failed: no connection, a timeout, or an answer other than 2xx. */
    public long failures() {
        return failures.sum();
    }

    /** Deliveries given up after trying for a day. */
    public long givenUpCount() {
        return givenUp.sum();
    }

    public long droppedCount(String reason) {
        return dropped[DROP_REASONS.indexOf(reason)].sum();
    }

    /** Rows of the outbox (all nodes') waiting for delivery when last counted; -1 before the first count. */
    public long pending() {
        return pending;
    }
}
