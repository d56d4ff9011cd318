package app.duet.admin.control;

import app.duet.admin.entity.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;
import java.util.Set;

/** Checks admin API logins against the accounts table, under the login throttle. */
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

    /** Checked when the name is unknown, so that a miss costs as much as a wrong password. */
    private static final String DUMMY = PasswordHash.of(PasswordHash.randomPassword(16));

    @Inject
    Accounts accounts;

    @Inject
    LoginThrottle throttle;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        String name = credential.getCaller();
        long now = System.currentTimeMillis();
        if (throttle.locked(name, now)) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        Optional<Account> account = accounts.find(name);
        boolean valid = PasswordHash.matches(credential.getPasswordAsString(),
                account.map(Account::getPasswordHash).orElse(DUMMY)) && account.isPresent();
        if (!valid) {
            throttle.failed(name, now);
            return CredentialValidationResult.INVALID_RESULT;
        }
        throttle.succeeded(name);
        return new CredentialValidationResult(name, Set.of(account.get().getRole()));
    }
}
