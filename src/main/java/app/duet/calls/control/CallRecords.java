package app.duet.calls.control;

import app.duet.calls.entity.CallRecord;
import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.EndReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The call history table: applying call events, and closing calls a stopped server left open. */
@ApplicationScoped
public class CallRecords {

    @PersistenceContext(unitName = "duet")
    EntityManager em;

    /** Applies events in order, in one transaction. */
    @Transactional
    public void apply(List<CallEvent> events) {
        for (CallEvent event : events) {
            if (event instanceof CallEvent.Started s) {
                em.persist(new CallRecord(s.callId(), s.room(), utc(s.at()), s.firstName(), s.secondName()));
            } else if (event instanceof CallEvent.Ended e) {
                find(e.callId()).end(utc(e.at()), e.reason().wire());
            } else if (event instanceof CallEvent.PathReported p) {
                find(p.callId()).path(p.first(), p.path());
            }
        }
    }

    /**
     * Ends every call still open with {@code reason}: at {@code at} (epoch millis), or, when null,
     * when it was last known to run. At start-up this closes what a stopped or crashed server left
     * open; at shutdown, what is still running. Returns how many.
     */
    @Transactional
    public int closeUnfinished(EndReason reason, Long at) {
        List<CallRecord> open = em.createQuery("SELECT c FROM CallRecord c WHERE c.endedAt IS NULL", CallRecord.class)
                .getResultList();
        open.forEach(c -> c.end(at != null ? utc(at) : c.getLastSeenAt(), reason.wire()));
        return open.size();
    }

    /** A trivial query: whether the database answers at all. */
    @Transactional
    public void ping() {
        em.createQuery("SELECT COUNT(c) FROM CallRecord c WHERE c.id = ''").getSingleResult();
    }

    /** Notes that the calls still open are running now. */
    @Transactional
    public void stillRunning(long at) {
        em.createQuery("UPDATE CallRecord c SET c.lastSeenAt = :at WHERE c.endedAt IS NULL")
                .setParameter("at", utc(at))
                .executeUpdate();
    }

    private CallRecord find(String id) {
        CallRecord record = em.find(CallRecord.class, id);
        if (record == null) {
            throw new IllegalStateException("No call record " + id);
        }
        return record;
    }

    static LocalDateTime utc(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
