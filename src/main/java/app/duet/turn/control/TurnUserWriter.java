package app.duet.turn.control;

import app.duet.turn.entity.TurnUser;
import jakarta.ejb.AsyncResult;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.LocalDateTime;
import java.util.concurrent.Future;

/** Writes a page's short-lived TURN user on the container's asynchronous EJB threads ({@link EphemeralUsers}). */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TurnUserWriter {

    @Inject
    TurnUsers users;

    /** Registers the user (in a transaction of its own); runs {@code done} when finished, however it ends. */
    @Asynchronous
    public Future<Void> register(String realm, String name, String password, LocalDateTime expiresAt, Runnable done) {
        try {
            users.register(realm, name, password, expiresAt, null, TurnUser.Kind.ephemeral);
            return new AsyncResult<>(null);
        } finally {
            done.run();
        }
    }
}
