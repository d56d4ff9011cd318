package app.duet.turn.control;

import app.duet.platform.control.Settings;
import app.duet.platform.entity.Refusal;
import app.duet.turn.entity.TurnUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
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

    /** Adds a user in the configured realm; a {@link Refusal} for a bad name or password, or a duplicate. */
    @Transactional
    public TurnUser register(String name, String password, LocalDateTime expiresAt, String note) {
        return register(settings.turnRealm(), name, password, expiresAt, note, TurnUser.Kind.registered);
    }

    /** The longest note the table holds ({@code note VARCHAR(255)}). */
    static final int MAX_NOTE = 255;

    @Transactional
    public TurnUser register(String realm, String name, String password, LocalDateTime expiresAt, String note,
                             TurnUser.Kind kind) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw Refusal.invalid("name", "A TURN user name is 1 to 128 letters, digits or . _ @ + -");
        }
        checkPassword(password);
        if (expiresAt != null && expiresAt.isBefore(LocalDateTime.now(ZoneOffset.UTC))) {
            throw Refusal.invalid("expiresAt", "\"expiresAt\" is in the past.");
        }
        if (note != null && note.length() > MAX_NOTE) {
            throw Refusal.invalid("note", "A note is at most " + MAX_NOTE + " characters.");
        }
        if (em.find(TurnUser.class, new TurnUser.Key(realm, name)) != null) {
            throw new Refusal(Refusal.Kind.CONFLICT, "name", "A TURN user named '" + name + "' already exists.");
        }
        TurnUser user = new TurnUser(realm, name, HmacKey.of(name, realm, password), kind,
                LocalDateTime.now(ZoneOffset.UTC), expiresAt, note);
        em.persist(user);
        return user;
    }

    private static void checkPassword(String password) {
        if (password == null || password.isEmpty() || password.length() > 256) {
            throw Refusal.invalid("password", "A password of 1 to 256 characters is required.");
        }
    }

    /** One page of users and how many match in all. */
    public record Page(List<TurnUser> items, long total) {
    }

    /** A page of the users of the configured realm of one kind (null: all), by name. */
    public Page page(TurnUser.Kind kind, int page, int size) {
        return page(settings.turnRealm(), kind, page, size);
    }

    /**
     * A page of the users of {@code realm} of one kind (null: all), ordered by name (unique in a
     * realm, so pages neither overlap nor skip a user), with the count of all that match.
     */
    public Page page(String realm, TurnUser.Kind kind, int page, int size) {
        String where = " WHERE u.realm = :realm" + (kind == null ? "" : " AND u.kind = :kind");
        // COUNT of a column, not of the entity: the key is composite, which providers count each their own way
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(u.name) FROM TurnUser u" + where, Long.class);
        TypedQuery<TurnUser> items = em.createQuery("SELECT u FROM TurnUser u" + where + " ORDER BY u.name", TurnUser.class)
                .setFirstResult(page * size).setMaxResults(size);
        for (TypedQuery<?> query : List.of(count, items)) {
            query.setParameter("realm", realm);
            if (kind != null) {
                query.setParameter("kind", kind.name());
            }
        }
        return new Page(items.getResultList(), count.getSingleResult());
    }

    /** Sets a new password: coturn takes the new key at the next allocation. */
    @Transactional
    public void changePassword(String name, String password) {
        checkPassword(password);
        TurnUser user = find(name).orElseThrow(() -> Refusal.notFound("No TURN user named '" + name + "'."));
        user.setHmackey(HmacKey.of(name, user.getRealm(), password));
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
