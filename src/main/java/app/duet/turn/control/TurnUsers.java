package app.duet.turn.control;

import app.duet.platform.control.Settings;
import app.duet.turn.entity.TurnUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Registered TURN users, kept in coturn's table so that coturn (lt-cred-mech with psql-userdb on
 * the same database) honours a user as soon as it is added. Passwords are never stored.
 */
@ApplicationScoped
public class TurnUsers {

    /** Names coturn and TURN clients take without trouble: no ':' (it splits REST usernames). */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");

    @PersistenceContext(unitName = "duet")
    EntityManager em;

    @Inject
    Settings settings;

    /** Adds a user in the configured realm; fails with {@link TurnUserException} for a bad name or a duplicate. */
    @Transactional
    public TurnUser register(String name, String password, LocalDateTime expiresAt, String note) {
        return register(settings.turnRealm(), name, password, expiresAt, note, TurnUser.Kind.registered);
    }

    @Transactional
    public TurnUser register(String realm, String name, String password, LocalDateTime expiresAt, String note,
                             TurnUser.Kind kind) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new TurnUserException("name", "A TURN user name is 1 to 128 letters, digits or . _ @ + -");
        }
        if (password == null || password.isEmpty()) {
            throw new TurnUserException("password", "A password is required.");
        }
        if (em.find(TurnUser.class, new TurnUser.Key(realm, name)) != null) {
            throw new TurnUserException("name", "A TURN user named '" + name + "' already exists.");
        }
        TurnUser user = new TurnUser(realm, name, HmacKey.of(name, realm, password), kind,
                LocalDateTime.now(ZoneOffset.UTC), expiresAt, note);
        em.persist(user);
        return user;
    }

    public Optional<TurnUser> find(String name) {
        return Optional.ofNullable(em.find(TurnUser.class, new TurnUser.Key(settings.turnRealm(), name)));
    }

    /** Removes the users whose expiry has passed; returns how many. */
    @Transactional
    public int removeExpired() {
        return em.createQuery("DELETE FROM TurnUser u WHERE u.expiresAt < :now")
                .setParameter("now", LocalDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
    }

    @Transactional
    public boolean remove(String name) {
        TurnUser user = em.find(TurnUser.class, new TurnUser.Key(settings.turnRealm(), name));
        if (user == null) {
            return false;
        }
        em.remove(user);
        return true;
    }
}
