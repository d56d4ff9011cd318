package app.duet.admin.control;

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
 * Reloads the accounts into memory every {@value #EVERY_MS} ms, on a timer thread: rows changed
 * in the database by hand are taken within that time, and a database that hangs holds this timer,
 * never a login.
 */
@Singleton
@Startup
@DependsOn("AdminBootstrap")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AccountRefresh {

    static final long EVERY_MS = 30_000;
    private static final Logger LOG = Logger.getLogger(AccountRefresh.class.getName());

    @Resource
    TimerService timers;

    @Inject
    Accounts accounts;

    private final SkipWhileBusy refreshing = new SkipWhileBusy();
    private volatile boolean failing;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(EVERY_MS, EVERY_MS, new TimerConfig("duet-account-refresh", false));
    }

    /** A tick that comes while the last one still waits for a hung database (up to its JDBC timeouts) does nothing. */
    @Timeout
    void refresh() {
        refreshing.run(() -> {
            try {
                accounts.reload();
                if (failing) {
                    LOG.info("Admin accounts reloaded from the database again");
                }
                failing = false;
            } catch (RuntimeException e) {
                if (!failing) {
                    LOG.log(Level.WARNING, "Could not reload the admin accounts (database away?); logins use the ones in memory", e);
                }
                failing = true;
            }
        });
    }
}
