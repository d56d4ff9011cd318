package app.duet.turn.control;

import app.duet.platform.control.Settings;
import app.duet.platform.entity.Refusal;
import app.duet.turn.entity.TurnSecret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/**
 * The TURN REST API secrets of coturn's turn_secret table. A secret is named by its id, the first
 * 12 hex digits of its SHA-256, so that it never travels in a URL.
 */
@ApplicationScoped
public class TurnSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "duet")
    EntityManager em;

    @Inject
    Settings settings;

    /** Adds a secret (a random one when {@code value} is null); new credentials are signed with it. */
    @Transactional
    public TurnSecret add(String value) {
        if (value == null) {
            byte[] random = new byte[24];
            RANDOM.nextBytes(random);
            value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        } else if (value.length() < 16 || value.length() > 256) {
            throw Refusal.invalid("value", "A secret is 16 to 256 characters.");
        }
        if (em.find(TurnSecret.class, new TurnSecret.Key(settings.turnRealm(), value)) != null) {
            throw new Refusal(Refusal.Kind.CONFLICT, "value", "That secret is already in use.");
        }
        TurnSecret secret = new TurnSecret(settings.turnRealm(), value, LocalDateTime.now(ZoneOffset.UTC));
        em.persist(secret);
        return secret;
    }

    /** The secrets of the realm, newest first. */
    public List<TurnSecret> list() {
        return em.createQuery("SELECT s FROM TurnSecret s WHERE s.realm = :realm ORDER BY s.createdAt DESC", TurnSecret.class)
                .setParameter("realm", settings.turnRealm())
                .getResultList();
    }

    /** Retires a secret: credentials signed with it stop working. False when there is no such id. */
    @Transactional
    public boolean retire(String id) {
        for (TurnSecret secret : list()) {
            if (id(secret.getValue()).equals(id)) {
                em.remove(em.merge(secret));
                return true;
            }
        }
        return false;
    }

    public static String id(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The secret to sign new credentials with: the newest of the realm. */
    public Optional<String> signing(String realm) {
        return em.createQuery("SELECT s FROM TurnSecret s WHERE s.realm = :realm ORDER BY s.createdAt DESC", TurnSecret.class)
                .setParameter("realm", realm)
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .map(TurnSecret::getValue);
    }
}
