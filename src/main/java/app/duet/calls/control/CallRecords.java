package app.duet.calls.control;

import app.duet.calls.entity.CallRecord;
import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.EndReason;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

/** The call history table: applying call events, and closing calls a stopped server left open. */
@ApplicationScoped
public class CallRecords {

    @PersistenceContext(unitName = "duet")
    EntityManager em;

    /** The application server's default datasource, the persistence unit's. */
    @Resource
    DataSource dataSource;

    /**
     * Applies events in order, in one transaction. A start already recorded is skipped: in a
     * cluster both sides' nodes write it (when both write at once, one transaction fails and is
     * tried again, then skips it). An end, quality report or user of a call not in the table (yet: its
     * start may come from another node's journal, later) is not applied but returned, to be tried
     * again.
     */
    @Transactional
    public List<CallEvent> apply(List<CallEvent> events) {
        return apply(events, id -> em.find(CallRecord.class, id), em::persist);
    }

    /** {@link #apply(List)} on any store: {@code find} a call by id (null when absent), {@code persist} a new one. */
    static List<CallEvent> apply(List<CallEvent> events, Function<String, CallRecord> find, Consumer<CallRecord> persist) {
        List<CallEvent> unmatched = new ArrayList<>();
        for (CallEvent event : events) {
            if (event instanceof CallEvent.Started s) {
                // in a cluster both sides' nodes record a call's start: the first one written stays
                if (find.apply(s.callId()) == null) {
                    persist.accept(new CallRecord(s.callId(), s.room(), utc(s.at()), s.firstName(), s.secondName()));
                }
                continue;
            }
            CallRecord record = find.apply(event.callId());
            if (record == null) {
                unmatched.add(event);
            } else if (event instanceof CallEvent.Ended e) {
                record.end(utc(e.at()), e.reason().wire());
            } else if (event instanceof CallEvent.QualityReported p) {
                record.path(p.first(), p.path());
                record.quality(p.first(), p.setupMs(), p.rttMs(), p.iceRestarts(), p.reconnected());
            } else if (event instanceof CallEvent.UserKnown u) {
                record.user(u.first(), u.user());
            }
        }
        return unmatched;
    }

    /**
     * Ends every call still open with {@code reason}: at {@code at} (epoch millis), or, when null,
     * when it was last known to run. At start-up this closes what a stopped or crashed server left
     * open; at shutdown, what is still running. Returns the ends it recorded, as call events.
     */
    @Transactional
    public List<CallEvent.Ended> closeUnfinished(EndReason reason, Long at) {
        List<CallRecord> open = em.createQuery("SELECT c FROM CallRecord c WHERE c.endedAt IS NULL", CallRecord.class)
                .getResultList();
        open.forEach(c -> c.end(at != null ? utc(at) : c.getLastSeenAt(), reason.wire()));
        return open.stream().map(c -> new CallEvent.Ended(c.getId(), c.getEndedAt().toInstant(ZoneOffset.UTC).toEpochMilli(), reason))
                .toList();
    }

    /**
     * Whether the database answers at all, asked over plain JDBC: a JPA query against a database
     * that is away can sit in the provider's retries (EclipseLink: 3 × 5 s) before it fails.
     */
    public boolean answers() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Deletes at most {@code max} of the calls that ended before {@code cutoff} (UTC), in one short
     * transaction, so that no statement comes near the query timeout however much is due; returns
     * how many. Open calls stay.
     */
    @Transactional
    public int deleteEndedBefore(LocalDateTime cutoff, int max) {
        List<String> ids = em.createQuery("SELECT c.id FROM CallRecord c WHERE c.endedAt IS NOT NULL AND c.endedAt < :cutoff",
                        String.class)
                .setParameter("cutoff", cutoff)
                .setMaxResults(max)
                .getResultList();
        return ids.isEmpty() ? 0 : em.createQuery("DELETE FROM CallRecord c WHERE c.id IN :ids")
                .setParameter("ids", ids)
                .executeUpdate();
    }

    /** Notes that the calls still open are running now. */
    @Transactional
    public void stillRunning(long at) {
        em.createQuery("UPDATE CallRecord c SET c.lastSeenAt = :at WHERE c.endedAt IS NULL")
                .setParameter("at", utc(at))
                .executeUpdate();
    }

    static LocalDateTime utc(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
