package app.duet.turn.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SecretCacheTest {

    /** The turn_secret table as the cache sees it: its newest secret, or a database that is away. */
    Optional<String> newest = Optional.of("first");
    boolean away;
    final AtomicInteger reads = new AtomicInteger();

    final SecretCache cache = new SecretCache(() -> {
        reads.incrementAndGet();
        if (away) {
            throw new IllegalStateException("database away");
        }
        return newest;
    }, "configured");

    @Test
    void signingNeverReadsTheTableOnlyARefreshDoes() {
        assertEquals(Optional.of("configured"), cache.current(), "before the first read: the configured secret");
        assertTrue(cache.refresh());
        newest = Optional.of("second");
        for (int i = 0; i < 10; i++) {
            assertEquals(Optional.of("first"), cache.current());
        }
        assertEquals(1, reads.get(), "current() read nothing");
        assertTrue(cache.refresh());
        assertEquals(Optional.of("second"), cache.current());
    }

    @Test
    void theLastKnownSecretSignsWhileTheDatabaseIsAway() {
        cache.refresh();
        away = true;
        assertFalse(cache.refresh());
        assertFalse(cache.reload());
        assertEquals(Optional.of("first"), cache.current(), "the secret last read");
        away = false;
        newest = Optional.of("later");
        assertTrue(cache.refresh());
        assertEquals(Optional.of("later"), cache.current());
    }

    @Test
    void anEmptyTableSignsWithTheConfiguredSecretOrNothing() {
        newest = Optional.empty();
        cache.refresh();
        assertEquals(Optional.of("configured"), cache.current());
        SecretCache without = new SecretCache(Optional::empty, null);
        without.refresh();
        assertEquals(Optional.empty(), without.current());
    }

    @Test
    void aRefreshWhileAReadHangsReturnsAtOnceAndAReloadWaitsForIt() throws Exception {
        CountDownLatch hanging = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SecretCache slow = new SecretCache(() -> {
            if (reads.incrementAndGet() == 1) {
                hanging.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Optional.of("stale");
            }
            return Optional.of("fresh");
        }, null);
        CompletableFuture<Boolean> background = CompletableFuture.supplyAsync(slow::refresh);
        assertTrue(hanging.await(5, TimeUnit.SECONDS));
        assertFalse(slow.refresh(), "a second refresh does not queue behind the hanging read");
        assertEquals(1, reads.get());
        assertEquals(Optional.empty(), slow.current(), "signing does not wait for the read either");
        CompletableFuture<Boolean> reload = CompletableFuture.supplyAsync(slow::reload);
        release.countDown();
        assertTrue(background.get(5, TimeUnit.SECONDS));
        assertTrue(reload.get(5, TimeUnit.SECONDS));
        assertEquals(Optional.of("fresh"), slow.current(), "the reload read after the stale read ended");
    }
}
