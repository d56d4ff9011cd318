package app.duet.turn.control;

import app.duet.platform.control.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The secret that signs TURN REST API credentials (secret mode), held in memory so that
 * {@code api/ice-servers} never touches the database: read at start-up, again every
 * {@value #REFRESH_MS} ms in the background (secrets added or retired on another node of a cluster
 * count from then on), and right after a secret is added or retired through this node. While the
 * database is away or hangs, the secret last read keeps signing.
 */
@Singleton
@Startup
@DependsOn("Migrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SigningSecret {

    static final long REFRESH_MS = 5_000;

    @Resource
    TimerService timers;

    @Inject
    TurnSecrets secrets;

    @Inject
    Settings settings;

    private SecretCache cache;

    @PostConstruct
    void start() {
        cache = new SecretCache(() -> secrets.signing(settings.turnRealm()), settings.turnSecret());
        if (settings.turnMode().equals("secret") && !settings.turnUrls().isEmpty()) {
            cache.refresh();
            timers.createIntervalTimer(REFRESH_MS, REFRESH_MS, new TimerConfig("duet-turn-secret", false));
        }
    }

    @Timeout
    void refresh() {
        cache.refresh();
    }

    /** The secret to sign with, from memory; empty when there is none. */
    public Optional<String> current() {
        return cache.current();
    }

    /** Reads the secrets again now: a secret was added or retired. */
    public void changed() {
        cache.reload();
    }
}
