package app.duet.admin;

import app.duet.admin.control.AccountRecords;
import app.duet.admin.control.Accounts;
import app.duet.admin.entity.Account;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Test fixture added to AdminApiIT's deployment: accounts of its own, made through the app's own
 * {@link Accounts} at start-up, so the test needs no access to the server's database: two
 * non-admins, and an admin whose name the tests lock with wrong passwords (the real {@code admin}
 * is never guessed at, so no test locks it for the others, whatever order they run in); and an
 * admin whose row holds a hash of the form Duet stored before it used Jakarta Security's
 * Pbkdf2PasswordHash, written to the table as it is.
 */
@Singleton
@Startup
@DependsOn("Migrations")
public class ViewerAccounts {

    static final String PASSWORD = "viewer-password";
    /** An admin-role account only the wrong-password checks use. */
    static final String GUESSED_ADMIN = "guessed-admin";
    static final String GUESSED_ADMIN_PASSWORD = "guessed-admin-password";
    /** Admin-role accounts that AdminLoginIT's concurrent guesses lock, one per test. */
    static final String RACED_ADMIN = "raced-admin";
    static final String CASED_ADMIN = "Cased-Admin";
    /** An admin-role account that AdminLoginIT signs in with, as a console would. */
    static final String CONSOLE_ADMIN = "console-admin";
    /** An admin-role account whose row holds {@link #LEGACY_HASH}. */
    static final String LEGACY_ADMIN = "legacy-admin";
    /** Made by the former PasswordHash.of(GUESSED_ADMIN_PASSWORD): PBKDF2-HMAC-SHA256, unpadded base64. */
    static final String LEGACY_HASH = "pbkdf2-sha256$120000$M/5s13UWuFrwkzMnAnL+CQ$WpVYDgcPJpZe8cv+ijhbXjddwhGXIcrWiN6UgeBHAWI";

    @Inject
    Accounts accounts;

    @Inject
    AccountRecords records;

    @PostConstruct
    void create() {
        accounts.setPassword("viewer", PASSWORD, Account.VIEWER);
        accounts.setPassword("guesser", PASSWORD, Account.VIEWER);
        accounts.setPassword(GUESSED_ADMIN, GUESSED_ADMIN_PASSWORD, Account.ADMIN);
        accounts.setPassword(RACED_ADMIN, GUESSED_ADMIN_PASSWORD, Account.ADMIN);
        accounts.setPassword(CASED_ADMIN, GUESSED_ADMIN_PASSWORD, Account.ADMIN);
        accounts.setPassword(CONSOLE_ADMIN, GUESSED_ADMIN_PASSWORD, Account.ADMIN);
        records.setPassword(LEGACY_ADMIN, LEGACY_HASH, Account.ADMIN);
        accounts.reload();
    }
}
