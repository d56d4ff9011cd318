package app.duet.admin.control;

import app.duet.admin.entity.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The accounts table; read only by {@link Accounts}, never on a login. Names arrive in their one (lower) case. */
@ApplicationScoped
public class AccountRecords {

    @PersistenceContext(unitName = "duet")
    EntityManager em;

    public List<Account> all() {
        return em.createQuery("SELECT a FROM Account a", Account.class).getResultList();
    }

    /** Creates the account, or sets its password when it exists; the stored row. */
    @Transactional
    public Account setPassword(String name, String passwordHash, String role) {
        Account account = em.find(Account.class, name);
        if (account == null) {
            account = new Account(name, passwordHash, role, LocalDateTime.now(ZoneOffset.UTC));
            em.persist(account);
        } else {
            account.setPasswordHash(passwordHash);
        }
        return account;
    }
}
