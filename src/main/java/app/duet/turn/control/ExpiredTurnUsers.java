package app.duet.turn.control;

import app.duet.platform.control.SkipWhileBusy;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes TURN users whose expiry has passed (coturn knows no expiry: a row it can read is a user
 * it accepts), every {@value #EVERY_MS} ms.
 */
@Singleton
@Startup
@DependsOn("Migrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ExpiredTurnUsers {

    static final long EVERY_MS = 10_000;
    private static final Logger LOG = Logger.getLogger(ExpiredTurnUsers.class.getName());

    @Resource
    TimerService timers;

    @Inject
    TurnUsers users;

    private final SkipWhileBusy sweeping = new SkipWhileBusy();

    @PostConstruct
    void start() {
        timers.createIntervalTimer(EVERY_MS, EVERY_MS, new TimerConfig("duet-expired-turn-users", false));
    }

    /** A sweep that comes while the last one still waits for a hung database (up to its JDBC timeouts) does nothing. */
    @Timeout
    void sweep() {
        sweeping.run(() -> {
            try {
                int removed = users.removeExpired();
                if (removed > 0) {
                    LOG.fine(() -> removed + " expired TURN users removed");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Could not remove expired TURN users (database away?)", e);
            }
        });
    }
}
