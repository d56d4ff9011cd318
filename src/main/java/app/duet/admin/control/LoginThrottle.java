package app.duet.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slows down password guessing on the admin API. Per name: after {@value #FREE_FAILURES} failed
 * logins in a row a name is locked for 1 s, doubling with each further failure up to 5 minutes;
 * while locked, attempts fail without a password check; a success clears the name.
 * <p>
 * Atomic: an attempt is counted as a failure when it is admitted, before its password is checked,
 * and a success takes that back. So attempts in flight count: of any number sent at once at a
 * name, at most as many are checked as failures are left before its lock.
 * <p>
 * Global: attempts at names that are no account are also limited as a whole, {@value #MISS_BURST}
 * at once and {@value #MISSES_PER_SECOND} a second after that (a flood of guesses at many names
 * costs at most that many password checks); attempts at accounts never wait for that budget, so
 * the admin logs in during such a flood as long as its own name is not failing.
 * <p>
 * Bounded: at most {@value #MAX_TRACKED} names besides the accounts are tracked (a failing name is
 * forgotten an hour after its last failure or lock, never sooner); past that, and for names longer
 * than an account name can be, names that are no account share one overflow entry, throttled like a name.
 */
@ApplicationScoped
public class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final long MAX_LOCK_MS = 300_000;
    static final int MAX_TRACKED = 10_000;
    static final long FORGET_AFTER_MS = 3_600_000;
    static final int MISS_BURST = 10;
    static final int MISSES_PER_SECOND = 2;
    static final int MAX_NAME = 64;
    /** The key of the shared entry: no real name is empty (an empty name is tracked there too). */
    static final String OVERFLOW = "";
    private static final long SWEEP_EVERY_MS = 1_000;

    /** An admitted attempt: check the password, then report {@link #succeeded} (a failure needs no report). */
    public record Attempt(String key) {
    }

    record State(int failures, long lockedUntil, long last) {

        State fail(long now) {
            int count = failures + 1;
            long lock = count < FREE_FAILURES ? 0 : Math.min(MAX_LOCK_MS, 1000L << Math.min(20, count - FREE_FAILURES));
            return new State(count, now + lock, now);
        }

        boolean locked(long now) {
            return now < lockedUntil;
        }

        boolean forgotten(long now) {
            return now - Math.max(last, lockedUntil) >= FORGET_AFTER_MS;
        }
    }

    private final ConcurrentMap<String, State> states = new ConcurrentHashMap<>();
    private final MissBudget misses = new MissBudget(MISS_BURST, MISSES_PER_SECOND);
    private final AtomicLong checks = new AtomicLong();
    private final AtomicLong lockedRefusals = new AtomicLong();
    private final AtomicLong budgetRefusals = new AtomicLong();
    private volatile long lastSweep = Long.MIN_VALUE / 2;

    /**
     * Admits an attempt at {@code name} (already in its one case), counting it as a failure at
     * once; null when it is refused without a password check (the name is locked, or it is no
     * {@code account} and the budget for those is spent).
     */
    public Attempt admit(String name, boolean account, long now) {
        String key = key(name, account, now);
        boolean[] admitted = {false};
        states.compute(key, (k, state) -> {
            State current = state == null || (state.forgotten(now) && !state.locked(now)) ? new State(0, 0, now) : state;
            if (current.locked(now)) {
                return current;
            }
            admitted[0] = true;
            return current.fail(now);
        });
        if (!admitted[0]) {
            lockedRefusals.incrementAndGet();
            return null;
        }
        if (!account && !misses.take(now)) {
            budgetRefusals.incrementAndGet();
            return null;
        }
        checks.incrementAndGet();
        return new Attempt(key);
    }

    /** The password was right: the name starts afresh. */
    public void succeeded(Attempt attempt) {
        states.remove(attempt.key());
    }

    private String key(String name, boolean account, long now) {
        if (account) {
            return name;
        }
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return OVERFLOW;
        }
        if (states.size() >= MAX_TRACKED && !states.containsKey(name)) {
            sweep(now);
            if (states.size() >= MAX_TRACKED) {
                return OVERFLOW;
            }
        }
        return name;
    }

    /** Forgets names long quiet, at most once a second (a full table of failing names must not make each attempt a scan). */
    private void sweep(long now) {
        if (now - lastSweep < SWEEP_EVERY_MS) {
            return;
        }
        lastSweep = now;
        states.values().removeIf(s -> s.forgotten(now) && !s.locked(now));
    }

    public boolean locked(String name, long now) {
        State state = states.get(name);
        return state != null && state.locked(now);
    }

    /** Password checks admitted so far (right or wrong). */
    public long checks() {
        return checks.get();
    }

    /** Attempts refused unchecked because their name was locked. */
    public long lockedRefusals() {
        return lockedRefusals.get();
    }

    /** Attempts at names that are no account refused unchecked because the budget for those was spent. */
    public long budgetRefusals() {
        return budgetRefusals.get();
    }

    public int tracked() {
        return states.size();
    }

    public int lockedNames(long now) {
        return (int) states.values().stream().filter(s -> s.locked(now)).count();
    }
}
