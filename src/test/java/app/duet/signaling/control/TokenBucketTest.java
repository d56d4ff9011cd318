package app.duet.signaling.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void allowsABurstThenRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(3, 2, 0);
        assertTrue(bucket.take(0));
        assertTrue(bucket.take(0));
        assertTrue(bucket.take(0));
        assertFalse(bucket.take(0));
        assertFalse(bucket.take(400_000_000L));
        assertTrue(bucket.take(500_000_000L), "2 per second: one token after 0.5 s");
        assertFalse(bucket.take(500_000_000L));
        assertTrue(bucket.take(100_000_000_000L));
        assertTrue(bucket.take(100_000_000_000L));
        assertTrue(bucket.take(100_000_000_000L));
        assertFalse(bucket.take(100_000_000_000L), "never more than the burst");
    }
}
