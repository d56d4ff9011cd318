package app.duet.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Slows down password guessing: after {@value #FREE_FAILURES} failed logins in a row for a name,
 * that name is locked for 1 s, doubling with each further failure up to 5 minutes; while locked,
 * attempts fail without a password check. A success clears it.
 */
@ApplicationScoped
public class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final long MAX_LOCK_MS = 300_000;
    /** Past this many names, those not locked any more are forgotten (guessed names must not fill memory). */
    static final int MAX_TRACKED = 10_000;

    private record State(int failures, long lockedUntil) {
    }

    private final ConcurrentMap<String, State> states = new ConcurrentHashMap<>();

    public boolean locked(String name, long now) {
        State state = states.get(name);
        return state != null && now < state.lockedUntil();
    }

    public void failed(String name, long now) {
        if (states.size() >= MAX_TRACKED) {
            states.values().removeIf(s -> now >= s.lockedUntil());
        }
        states.compute(name, (n, s) -> {
            int failures = s == null ? 1 : s.failures() + 1;
            long lock = failures < FREE_FAILURES ? 0
                    : Math.min(MAX_LOCK_MS, 1000L << Math.min(20, failures - FREE_FAILURES));
            return new State(failures, now + lock);
        });
    }

    public void succeeded(String name) {
        states.remove(name);
    }
}
