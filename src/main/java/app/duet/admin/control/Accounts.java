package app.duet.admin.control;

import app.duet.admin.entity.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API's accounts, held in memory so that a login never waits for the database: loaded
 * at start-up, reloaded in the background ({@link AccountRefresh}) and updated on every write made
 * here. Names match whatever their case: stored, looked up and throttled in lower case. A hash of
 * the form stored before {@link PasswordHashes} is held in the standard form
 * ({@link LegacyPasswordHash}); its row keeps the old one until the password is set again.
 */
@ApplicationScoped
public class Accounts {

    /** What a login needs of an account; never changed once made. */
    public record Login(String name, String passwordHash, String role) {
    }

    @Inject
    AccountRecords records;

    @Inject
    PasswordHashes hashes;

    private volatile Map<String, Login> logins = Map.of();
    private final Object writes = new Object();

    /** The one case a name is stored and compared in. */
    public static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** From memory only. */
    public Optional<Login> find(String name) {
        return Optional.ofNullable(logins.get(canonical(name)));
    }

    /** Creates the account, or sets its password when it exists. */
    public void setPassword(String name, String password, String role) {
        String hash = hashes.of(password);
        synchronized (writes) {
            Account stored = records.setPassword(canonical(name), hash, role);
            Map<String, Login> next = new HashMap<>(logins);
            next.put(stored.getName(), login(stored));
            logins = Map.copyOf(next);
        }
    }

    /** Reads every account from the database (the caller's thread waits for it: never a request's). */
    public void reload() {
        synchronized (writes) {
            List<Account> all = records.all();
            Map<String, Login> next = new HashMap<>();
            for (Account account : all) {
                next.put(canonical(account.getName()), login(account));
            }
            logins = Map.copyOf(next);
        }
    }

    public int size() {
        return logins.size();
    }

    private static Login login(Account account) {
        return new Login(account.getName(), LegacyPasswordHash.standard(account.getPasswordHash()), account.getRole());
    }
}
