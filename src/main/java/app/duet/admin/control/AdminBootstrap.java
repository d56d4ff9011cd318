package app.duet.admin.control;

import app.duet.admin.entity.Account;
import app.duet.platform.control.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Loads the accounts into memory and makes sure an account {@code admin} exists at start-up: with
 * the password of {@code duet.admin.password} / {@code DUET_ADMIN_PASSWORD} when set (set again at
 * every start), else, the first time only, a random one printed once in the log.
 */
@Singleton
@Startup
@DependsOn("Migrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @Inject
    Accounts accounts;

    @Inject
    Settings settings;

    @PostConstruct
    void ensureAdmin() {
        accounts.reload();
        String configured = settings.adminPassword();
        if (configured != null) {
            accounts.setPassword("admin", configured, Account.ADMIN);
        } else if (accounts.find("admin").isEmpty()) {
            String generated = RandomPassword.of(18);
            accounts.setPassword("admin", generated, Account.ADMIN);
            LOG.warning("Created the admin API account 'admin' with the password " + generated
                    + " (shown this once; set DUET_ADMIN_PASSWORD to choose it)");
        }
    }
}
