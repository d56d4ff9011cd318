package app.duet.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;
import java.util.Set;

/**
 * Checks admin API logins against the accounts in memory (never the database), under the login
 * throttle. Names match whatever their case; the caller is the stored (lower-case) name.
 */
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
        String name = Accounts.canonical(credential.getCaller());
        Optional<Accounts.Login> account = accounts.find(name);
        LoginThrottle.Attempt attempt = throttle.admit(name, account.isPresent(), System.currentTimeMillis());
        if (attempt == null) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        boolean valid = PasswordHash.matches(credential.getPasswordAsString(),
                account.map(Accounts.Login::passwordHash).orElse(DUMMY)) && account.isPresent();
        if (!valid) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        throttle.succeeded(attempt);
        return new CredentialValidationResult(account.get().name(), Set.of(account.get().role()));
    }
}
