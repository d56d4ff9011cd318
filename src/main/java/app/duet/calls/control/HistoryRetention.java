package app.duet.calls.control;

import app.duet.platform.control.SettingReader;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes ended calls older than {@code duet.history.retention.days} (400 by default; 0 keeps
 * them forever), 10 s after start-up and then once a day, so that the history a public
 * deployment collects stays bounded.
 */
@Singleton
@Startup
@DependsOn("Migrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HistoryRetention {

    static final String SETTING = "history.retention.days";
    private static final Logger LOG = Logger.getLogger(HistoryRetention.class.getName());
    private static final long FIRST_DELAY_MS = Duration.ofSeconds(10).toMillis();
    /** Rows deleted per transaction: each statement stays far below the query timeout (persistence.xml). */
    static final int BATCH = 1_000;

    @Resource
    TimerService timers;

    @Inject
    CallRecords records;

    private int days;

    @PostConstruct
    void start() {
        days = days(SettingReader.fromEnvironment());
        if (days > 0) {
            timers.createIntervalTimer(FIRST_DELAY_MS, Duration.ofDays(1).toMillis(), new TimerConfig("duet-history-retention", false));
        }
    }

    static int days(SettingReader settings) {
        return settings.integer(SETTING, 400, 0, 36_500);
    }

    @Timeout
    void sweep() {
        LocalDateTime cutoff = LocalDateTime.now(ZoneOffset.UTC).minusDays(days);
        try {
            int removed = 0;
            for (int batch; (batch = records.deleteEndedBefore(cutoff, BATCH)) > 0; ) {
                removed += batch;
            }
            int total = removed;
            LOG.info(() -> total + " calls that ended before " + cutoff + " UTC removed from the history (duet.history.retention.days=" + days + ")");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not apply the call history retention (database away?); trying again tomorrow", e);
        }
    }
}
