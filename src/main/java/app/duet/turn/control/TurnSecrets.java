package app.duet.turn.control;

import app.duet.turn.entity.TurnSecret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** The TURN REST API secrets of coturn's turn_secret table. */
@ApplicationScoped
public class TurnSecrets {

    @PersistenceContext(unitName = "duet")
    EntityManager em;

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
