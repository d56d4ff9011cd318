package app.duet.admin.control;

import app.duet.admin.entity.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
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

    /**
     * Dispatches on the credential's type itself: IdentityStore's default finds a
     * {@code validate} overload by the credential's exact class, and a server may hand over a
     * subclass of UsernamePasswordCredential (TomEE's BasicAuthenticationCredential), which would
     * then never be validated.
     */
    @Override
    public CredentialValidationResult validate(Credential credential) {
        return credential instanceof UsernamePasswordCredential password
                ? validate(password) : CredentialValidationResult.NOT_VALIDATED_RESULT;
    }

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
