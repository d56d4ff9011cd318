package app.duet.admin.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The admin passwords' hashes, made and checked by the server's own Jakarta Security
 * {@link Pbkdf2PasswordHash} (Soteria on Payara and WildFly, TomEE's own on TomEE): PBKDF2-HMAC-SHA256,
 * {@value #ITERATIONS} iterations, a 32-byte salt and key, stored as
 * {@code PBKDF2WithHmacSHA256:iterations:base64(salt):base64(hash)}, the form all three write and
 * read. Every parameter is set here: TomEE's defaults are not Soteria's (PBKDF2WithHmacSHA1, 64,000
 * iterations, an 18-byte key).
 */
@ApplicationScoped
public class PasswordHashes {

    static final int ITERATIONS = 120_000;
    static final Map<String, String> PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.Iterations", String.valueOf(ITERATIONS),
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "32");
    private static final Logger LOG = Logger.getLogger(PasswordHashes.class.getName());

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(PARAMETERS);
    }

    /** A hash of {@code password} with a fresh salt. */
    public String of(String password) {
        return pbkdf2.generate(password.toCharArray());
    }

    /**
     * Whether {@code stored} is a hash of {@code password}; false, with a warning, for a stored
     * value of no form the server reads (a row edited by hand): its implementation throws then.
     */
    public boolean matches(String password, String stored) {
        try {
            return pbkdf2.verify(password.toCharArray(), stored);
        } catch (RuntimeException e) {
            LOG.warning("An admin account's stored password hash is of no form this server reads (" + e.getMessage()
                    + "); its logins are refused until its password is set again");
            return false;
        }
    }
}
