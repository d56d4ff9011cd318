package app.duet.admin.boundary;

import app.duet.admin.entity.Account;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;

/**
 * The admin API ({@code /api/admin/*}) asks for HTTP Basic credentials, checked by
 * {@code AdminIdentityStore}; web.xml requires the admin role there (401 without valid
 * credentials, 403 for an account of another role). Use it over HTTPS.
 */
@BasicAuthenticationMechanismDefinition(realmName = "Duet admin")
@DeclareRoles({Account.ADMIN, Account.VIEWER})
@ApplicationScoped
public class AdminSecurity {
}
