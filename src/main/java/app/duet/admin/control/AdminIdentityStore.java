package app.duet.admin.control;

import jakarta.annotation.PostConstruct;
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
 * throttle; a pair that passed lately ({@link VerifiedLogins}) is let in without either. Names match whatever their case; the caller is the stored (lower-case) name.
 */
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

    @Inject
    Accounts accounts;

    @Inject
    PasswordHashes hashes;

    @Inject
    LoginThrottle throttle;

    @Inject
    VerifiedLogins verified;

    /** Checked when the name is unknown, so that a miss costs as much as a wrong password. */
    private String dummy;

    @PostConstruct
    void makeDummy() {
        dummy = hashes.of(RandomPassword.of(16));
    }

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
        String password = credential.getPasswordAsString();
        long now = System.currentTimeMillis();
        if (account.isPresent() && verified.known(name, password, account.get().passwordHash(), now)) {
            return valid(account.get());
        }
        LoginThrottle.Attempt attempt = throttle.admit(name, account.isPresent(), now);
        if (attempt == null) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        boolean valid = hashes.matches(password, account.map(Accounts.Login::passwordHash).orElse(dummy))
                && account.isPresent();
        if (!valid) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        throttle.succeeded(attempt);
        verified.remember(name, password, account.get().passwordHash(), now);
        return valid(account.get());
    }

    private static CredentialValidationResult valid(Accounts.Login account) {
        return new CredentialValidationResult(account.name(), Set.of(account.role()));
    }
}
