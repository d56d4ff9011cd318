package app.duet.turn.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Users mode: writes the short-lived TURN user of one page into turnusers_lt without letting the
 * page's request wait on the database for long: on the container's asynchronous EJB threads
 * ({@link TurnUserWriter}), at most
 * {@value #CONCURRENT} at a time, waited for at most {@link #DEADLINE}. A write that is refused for
 * want of a free slot or that takes longer is reported as not done (it may still land later and
 * expire like any other); the page then goes without TURN for a little while.
 */
@ApplicationScoped
public class EphemeralUsers {

    /** Inserting a user takes milliseconds: 8 at a time serve hundreds of pages a second. */
    static final int CONCURRENT = 8;
    static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final long LOG_EVERY_MS = 60_000;
    private static final Logger LOG = Logger.getLogger(EphemeralUsers.class.getName());

    @Inject
    TurnUserWriter writer;

    private final BoundedCalls calls = new BoundedCalls(CONCURRENT, DEADLINE);
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong loggedAt = new AtomicLong(Long.MIN_VALUE / 2);

    /** Whether the user was written within the deadline (coturn accepts it then). */
    public boolean register(String realm, String name, String password, LocalDateTime expiresAt) {
        BoundedCalls.Outcome outcome = calls.run(release -> writer.register(realm, name, password, expiresAt, release));
        if (outcome == BoundedCalls.Outcome.DONE) {
            return true;
        }
        long count = refused.incrementAndGet();
        long now = System.currentTimeMillis();
        long last = loggedAt.get();
        if (now - last >= LOG_EVERY_MS && loggedAt.compareAndSet(last, now)) {
            LOG.warning(() -> "A page got no TURN credentials: its TURN user could not be written (" + outcome
                    + "; database slow or away?); " + count + " such pages since start");
        }
        return false;
    }
}
