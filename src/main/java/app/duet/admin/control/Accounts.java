package app.duet.admin.control;

import app.duet.admin.entity.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** The admin API's accounts. */
@ApplicationScoped
public class Accounts {

    @PersistenceContext(unitName = "duet")
    EntityManager em;

    public Optional<Account> find(String name) {
        return Optional.ofNullable(em.find(Account.class, name));
    }

    /** Creates the account, or sets its password when it exists. */
    @Transactional
    public void setPassword(String name, String password, String role) {
        Account account = em.find(Account.class, name);
        if (account == null) {
            em.persist(new Account(name, PasswordHash.of(password), role, LocalDateTime.now(ZoneOffset.UTC)));
        } else {
            account.setPasswordHash(PasswordHash.of(password));
        }
    }
}
