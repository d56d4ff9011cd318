package app.duet.admin.boundary;

import app.duet.admin.control.AdminIdentityStore;
import app.duet.admin.entity.Account;
import app.duet.platform.boundary.Problems;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * HTTP Basic for the admin API ({@code /api/admin/*}, which web.xml keeps for the admin role) and
 * nowhere else: on every other path an Authorization header is ignored, never looked up or
 * counted. On the admin path: plain HTTP from anywhere but the machine itself is refused (403,
 * see {@link AdminTransport}) before any credential is read; no, bad or refused credentials are
 * answered 401 with {@code WWW-Authenticate: Basic realm="Duet admin"}; an account of another role
 * 403. Every refusal is a JSON problem, written and committed here so no server puts its own page in.
 */
@ApplicationScoped
@DeclareRoles({Account.ADMIN, Account.VIEWER})
public class AdminAuthentication implements HttpAuthenticationMechanism {

    static final String CHALLENGE = "Basic realm=\"Duet admin\"";

    @Inject
    AdminIdentityStore store;

    @Inject
    AdminTransport transport;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (!AdminTransport.adminPath(request) && !context.isProtected()) {
            return context.doNothing();
        }
        if (!transport.allowed(request)) {
            return refuse(response, 403, "https-required", "The admin API answers over HTTPS only (behind a reverse proxy:"
                    + " list it in duet.trusted.proxies and have it send X-Forwarded-Proto).", false);
        }
        Optional<UsernamePasswordCredential> credential = BasicCredentials.of(request.getHeader("Authorization"));
        if (credential.isEmpty()) {
            return refuse(response, 401, "unauthorized", "The admin API needs HTTP Basic credentials.", true);
        }
        CredentialValidationResult result = store.validate(credential.get());
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return refuse(response, 401, "unauthorized",
                    "Wrong name or password, or too many failed logins for this name for now.", true);
        }
        if (!result.getCallerGroups().contains(Account.ADMIN)) {
            return refuse(response, 403, "forbidden", "This account may not use the admin API.", false);
        }
        return context.notifyContainerAboutLogin(result);
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, int status, String error, String message,
                                               boolean challenge) {
        if (challenge) {
            response.setHeader("WWW-Authenticate", CHALLENGE);
        }
        try {
            Problems.write(response, status, error, message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
