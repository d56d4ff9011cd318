package app.duet.signaling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.duet.signaling.entity.ErrorCode;
import org.junit.jupiter.api.Test;

class SignalingMetricsTest {

    final SignalingMetrics metrics = new SignalingMetrics();

    @Test
    void relaysAreCountedByTypeAndBucketedByUpperBound() {
        metrics.relayed("candidate", 50_000);        // exactly 50 µs: the first bucket (le is inclusive)
        metrics.relayed("candidate", 50_001);        // just above: the second
        metrics.relayed("offer", 2_000_000_000L);    // 2 s: beyond the last bound, +Inf
        assertEquals(2, metrics.relayed(SignalingMetrics.RELAYED_TYPES.indexOf("candidate")));
        assertEquals(1, metrics.relayed(SignalingMetrics.RELAYED_TYPES.indexOf("offer")));
        assertEquals(1, metrics.relayBucket(0));
        assertEquals(1, metrics.relayBucket(1));
        assertEquals(1, metrics.relayBucket(SignalingMetrics.RELAY_BUCKETS.length));
        assertEquals(2.000100001, metrics.relaySeconds(), 1e-9);
    }

    @Test
    void errorsResumesAndDropsAreSeparateCounters() {
        metrics.error(ErrorCode.BAD_MESSAGE);
        metrics.error(ErrorCode.BAD_MESSAGE);
        metrics.error(ErrorCode.ROOM_FULL);
        metrics.resumed();
        metrics.heartbeatDropped();
        metrics.slowReceiverDropped();
        assertEquals(2, metrics.errors(ErrorCode.BAD_MESSAGE));
        assertEquals(1, metrics.errors(ErrorCode.ROOM_FULL));
        assertEquals(0, metrics.errors(ErrorCode.INTERNAL));
        assertEquals(1, metrics.resumes());
        assertEquals(1, metrics.heartbeatDrops());
        assertEquals(1, metrics.slowDrops());
    }
}
