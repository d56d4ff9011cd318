package app.duet.turn.control;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The TURN signing secret as last read from its table, so that signing never waits for the
 * database. {@link #current()} never reads: it answers the secret of the last read that worked (the
 * table's newest, else the configured fallback); a read that fails keeps the last known one.
 */
final class SecretCache {

    private static final Logger LOG = Logger.getLogger(SecretCache.class.getName());

    private final Supplier<Optional<String>> table;
    private final String fallback;
    private final ReentrantLock reading = new ReentrantLock();
    private volatile Optional<String> known = Optional.empty();
    private boolean failing;

    /** @param table reads the newest secret of the table; @param fallback signs while the table has none (may be null) */
    SecretCache(Supplier<Optional<String>> table, String fallback) {
        this.table = table;
        this.fallback = fallback;
    }

    /** The secret to sign with now, from memory; empty when there is none at all. */
    Optional<String> current() {
        Optional<String> secret = known;
        return secret.isPresent() ? secret : Optional.ofNullable(fallback);
    }

    /** A background refresh: reads the table unless a read is under way already (then it changes nothing). */
    boolean refresh() {
        if (!reading.tryLock()) {
            return false;
        }
        try {
            return read();
        } finally {
            reading.unlock();
        }
    }

    /**
     * After a change of the table on this node: reads it, after any read under way, so that what
     * {@link #current()} answers next reflects the change. False when the read failed.
     */
    boolean reload() {
        reading.lock();
        try {
            return read();
        } finally {
            reading.unlock();
        }
    }

    private boolean read() {
        try {
            known = table.get();
            if (failing) {
                LOG.info("TURN secrets can be read again");
                failing = false;
            }
            return true;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "Cannot read the TURN secrets (database away?); credentials are signed with the"
                        + " secret last read until it answers again", e);
                failing = true;
            }
            return false;
        }
    }
}
