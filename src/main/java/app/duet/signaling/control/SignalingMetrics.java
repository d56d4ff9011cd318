package app.duet.signaling.control;

import app.duet.signaling.entity.ClientLimit;
import app.duet.signaling.entity.ErrorCode;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the signaling path, cheap enough to leave on: striped adders, no locks, no
 * allocation per message. Read by the {@code /metrics} endpoint.
 */
public class SignalingMetrics {

    /** The relayed message types (Protocol refuses any other). */
    public static final List<String> RELAYED_TYPES = List.of("offer", "answer", "candidate", "message");

    /** Upper bounds of the relay time histogram, in seconds (Prometheus' {@code le}). */
    public static final double[] RELAY_BUCKETS = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 1};

    private static final long[] BUCKET_NANOS = new long[RELAY_BUCKETS.length];

    static {
        for (int i = 0; i < RELAY_BUCKETS.length; i++) {
            BUCKET_NANOS[i] = Math.round(RELAY_BUCKETS[i] * 1e9);
        }
    }

    private final LongAdder[] relayed = adders(RELAYED_TYPES.size() + 1);
    private final LongAdder[] errors = adders(ErrorCode.values().length);
    private final LongAdder[] relayBuckets = adders(RELAY_BUCKETS.length + 1);
    private final LongAdder relayNanos = new LongAdder();
    private final LongAdder resumes = new LongAdder();
    private final LongAdder heartbeatDrops = new LongAdder();
    private final LongAdder slowDrops = new LongAdder();
    private final LongAdder[] refusals = adders(ClientLimit.values().length);

    private static LongAdder[] adders(int n) {
        LongAdder[] adders = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    /** A frame of {@code type} relayed, {@code nanos} after the server received it. */
    void relayed(String type, long nanos) {
        int index = RELAYED_TYPES.indexOf(type);
        relayed[index < 0 ? RELAYED_TYPES.size() : index].increment();
        relayNanos.add(nanos);
        int bucket = 0;
        while (bucket < BUCKET_NANOS.length && nanos > BUCKET_NANOS[bucket]) {
            bucket++;
        }
        relayBuckets[bucket].increment();
    }

    public void error(ErrorCode code) {
        errors[code.ordinal()].increment();
    }

    void resumed() {
        resumes.increment();
    }

    void heartbeatDropped() {
        heartbeatDrops.increment();
    }

    /** A receiver was dropped because it did not read: its send queue passed the limit. */
    public void slowReceiverDropped() {
        slowDrops.increment();
    }

    /** A socket or a join refused, or a socket closed, by a limit on its client address. */
    void refused(ClientLimit limit) {
        refusals[limit.ordinal()].increment();
    }

    public long refusals(ClientLimit limit) {
        return refusals[limit.ordinal()].sum();
    }

    /** Messages relayed of {@code RELAYED_TYPES.get(i)}; the last entry counts any other type. */
    public long relayed(int typeIndex) {
        return relayed[typeIndex].sum();
    }

    public long errors(ErrorCode code) {
        return errors[code.ordinal()].sum();
    }

    /** Relays that took at most {@code RELAY_BUCKETS[i]} (not cumulative; the last entry is +Inf). */
    public long relayBucket(int i) {
        return relayBuckets[i].sum();
    }

    public double relaySeconds() {
        return relayNanos.sum() / 1e9;
    }

    public long resumes() {
        return resumes.sum();
    }

    public long heartbeatDrops() {
        return heartbeatDrops.sum();
    }

    public long slowDrops() {
        return slowDrops.sum();
    }
}
