package app.duet.admin;

import app.duet.admin.control.Accounts;
import app.duet.admin.entity.Account;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Test fixture added to AdminApiIT's deployment: two non-admin accounts, made through the app's
 * own {@link Accounts} at start-up, so the test needs no access to the server's database.
 */
@Singleton
@Startup
@DependsOn("Migrations")
public class ViewerAccounts {

    static final String PASSWORD = "viewer-password";

    @Inject
    Accounts accounts;

    @PostConstruct
    void create() {
        accounts.setPassword("viewer", PASSWORD, Account.VIEWER);
        accounts.setPassword("guesser", PASSWORD, Account.VIEWER);
    }
}
