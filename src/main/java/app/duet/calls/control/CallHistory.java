package app.duet.calls.control;

import app.duet.calls.entity.CallRecord;
import app.duet.platform.entity.Refusal;
import app.duet.signaling.entity.EndReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading the call history: filters, sorting and paging. */
@ApplicationScoped
public class CallHistory {

    /**
     * Which calls: any field may be null. {@code from} inclusive, {@code to} exclusive, on the start
     * time; {@code user} matches either side's user; {@code path} a call where either side
     * reported that path; {@code minSetupMs} one where either side's set-up time is at least that.
     */
    public record Filter(String room, LocalDateTime from, LocalDateTime to, String reason, String user, String path,
                         Integer minSetupMs) {

        public Filter(String room, LocalDateTime from, LocalDateTime to, String reason, String user) {
            this(room, from, to, reason, user, null, null);
        }
    }

    /** The paths a page reports (as signaling's stats message takes them). */
    public static final List<String> PATHS = List.of("host", "srflx", "relay");

    public record Page(List<CallRecord> items, long total) {
    }

    private static final Map<String, String> SORTABLE = Map.of("startedAt", "c.startedAt", "endedAt", "c.endedAt",
            "durationMs", "c.durationMs", "room", "c.room");

    @PersistenceContext(unitName = "duet")
    EntityManager em;

    public Optional<CallRecord> byId(String id) {
        return Optional.ofNullable(em.find(CallRecord.class, id));
    }

    /** One page of calls; {@code sort} is a field name, with a leading '-' for descending. */
    public Page find(Filter filter, String sort, int page, int size) {
        Map<String, Object> parameters = new HashMap<>();
        String where = where(filter, parameters);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(c) FROM CallRecord c" + where, Long.class);
        parameters.forEach(count::setParameter);
        TypedQuery<CallRecord> items = em.createQuery("SELECT c FROM CallRecord c" + where + orderBy(sort), CallRecord.class)
                .setFirstResult(page * size).setMaxResults(size);
        parameters.forEach(items::setParameter);
        return new Page(items.getResultList(), count.getSingleResult());
    }

    static String where(Filter filter, Map<String, Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (filter.room() != null) {
            conditions.add("c.room = :room");
            parameters.put("room", filter.room());
        }
        if (filter.from() != null) {
            conditions.add("c.startedAt >= :from");
            parameters.put("from", filter.from());
        }
        if (filter.to() != null) {
            conditions.add("c.startedAt < :to");
            parameters.put("to", filter.to());
        }
        if (filter.reason() != null) {
            try {
                EndReason.fromWire(filter.reason());
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid("reason", "\"reason\" is one of hang-up, disconnect, timeout, closed-by-admin,"
                        + " server-shutdown.");
            }
            conditions.add("c.endReason = :reason");
            parameters.put("reason", filter.reason());
        }
        if (filter.user() != null) {
            conditions.add("(c.firstUser = :user OR c.secondUser = :user)");
            parameters.put("user", filter.user());
        }
        if (filter.path() != null) {
            if (!PATHS.contains(filter.path())) {
                throw Refusal.invalid("path", "\"path\" is one of " + String.join(", ", PATHS) + ".");
            }
            conditions.add("(c.firstPath = :path OR c.secondPath = :path)");
            parameters.put("path", filter.path());
        }
        if (filter.minSetupMs() != null) {
            conditions.add("(c.firstSetupMs >= :minSetupMs OR c.secondSetupMs >= :minSetupMs)");
            parameters.put("minSetupMs", filter.minSetupMs());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static String orderBy(String sort) {
        String field = sort == null || sort.isBlank() ? "-startedAt" : sort;
        boolean descending = field.startsWith("-");
        String path = SORTABLE.get(descending ? field.substring(1) : field);
        if (path == null) {
            throw Refusal.invalid("sort", "\"sort\" is one of " + String.join(", ", SORTABLE.keySet())
                    + ", with a leading '-' for descending.");
        }
        return " ORDER BY " + path + (descending ? " DESC" : " ASC") + ", c.id";
    }
}
