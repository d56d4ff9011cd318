package app.duet.calls.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures the admin console draws for a range of the history: calls and relayed calls per UTC
 * day, end reasons, and the set-up time distribution. The range's rows are read (a few columns,
 * at most {@link #MAX_CALLS}, as the export) and counted here in Java: grouping by day in JPQL
 * needs date functions that EclipseLink, Hibernate and OpenJPA on H2, HSQLDB and PostgreSQL do
 * not share.
 */
@ApplicationScoped
public class CallSummary {

    /** As many calls as the export gives; a range with more is summed over the newest that many. */
    public static final int MAX_CALLS = 100_000;

    /** The set-up histogram's upper bounds (inclusive), in ms; the last bucket has none. */
    static final long[] SETUP_BOUNDS = {500, 1000, 2000, 5000, 10000};

    /** What one call contributes: its start, both sides' paths, its end reason and its set-up time (or null). */
    public record Row(LocalDateTime startedAt, String firstPath, String secondPath, String endReason, Long setupMs) {

        boolean relayed() {
            return "relay".equals(firstPath) || "relay".equals(secondPath);
        }
    }

    public record Day(LocalDate day, long calls, long relayed) {
    }

    public record Reason(String reason, long calls) {
    }

    /** Calls whose set-up took at most {@code upToMs} (and more than the bucket before); null: more than the last bound. */
    public record SetupBucket(Long upToMs, long calls) {
    }

    public record Result(LocalDateTime from, LocalDateTime to, long calls, long relayed, boolean truncated,
                         List<Day> days, List<Reason> endReasons, List<SetupBucket> setupMs) {
    }

    @PersistenceContext(unitName = "duet")
    EntityManager em;

    /** The summary of the calls that started in [from, to). */
    public Result of(LocalDateTime from, LocalDateTime to) {
        // newest first, so a truncated summary covers the recent end of the range
        List<Object[]> found = em.createQuery("SELECT c.startedAt, c.firstPath, c.secondPath, c.endReason,"
                        + " c.firstSetupMs, c.secondSetupMs FROM CallRecord c WHERE c.startedAt >= :from AND c.startedAt < :to"
                        + " ORDER BY c.startedAt DESC, c.id", Object[].class)
                .setParameter("from", from).setParameter("to", to).setMaxResults(MAX_CALLS + 1).getResultList();
        boolean truncated = found.size() > MAX_CALLS;
        List<Row> rows = new ArrayList<>(Math.min(found.size(), MAX_CALLS));
        for (Object[] c : found.subList(0, Math.min(found.size(), MAX_CALLS))) {
            rows.add(new Row((LocalDateTime) c[0], (String) c[1], (String) c[2], (String) c[3],
                    setupOf(milliseconds(c[4]), milliseconds(c[5]))));
        }
        return aggregate(from, to, rows, truncated);
    }

    /** The figures of {@code rows}, the calls of [from, to). */
    static Result aggregate(LocalDateTime from, LocalDateTime to, List<Row> rows, boolean truncated) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        Map<String, Long> reasons = new HashMap<>();
        long[] setup = new long[SETUP_BOUNDS.length + 1];
        long relayed = 0;
        for (Row row : rows) {
            long[] day = days.computeIfAbsent(row.startedAt().toLocalDate(), d -> new long[2]);
            day[0]++;
            if (row.relayed()) {
                day[1]++;
                relayed++;
            }
            if (row.endReason() != null) { // a call still running has none yet
                reasons.merge(row.endReason(), 1L, Long::sum);
            }
            if (row.setupMs() != null) {
                int bucket = 0;
                while (bucket < SETUP_BOUNDS.length && row.setupMs() > SETUP_BOUNDS[bucket]) {
                    bucket++;
                }
                setup[bucket]++;
            }
        }
        List<Day> perDay = new ArrayList<>();
        days.forEach((day, counts) -> perDay.add(new Day(day, counts[0], counts[1])));
        List<Reason> perReason = new ArrayList<>();
        reasons.forEach((reason, calls) -> perReason.add(new Reason(reason, calls)));
        perReason.sort(Comparator.comparingLong(Reason::calls).reversed().thenComparing(Reason::reason));
        List<SetupBucket> buckets = new ArrayList<>();
        for (int i = 0; i <= SETUP_BOUNDS.length; i++) {
            buckets.add(new SetupBucket(i < SETUP_BOUNDS.length ? SETUP_BOUNDS[i] : null, setup[i]));
        }
        return new Result(from, to, rows.size(), relayed, truncated, perDay, perReason, buckets);
    }

    private static Long milliseconds(Object column) {
        return column == null ? null : ((Number) column).longValue();
    }

    /** A call's set-up time for the charts: the larger of the two sides' (the call is up when both are); null when neither reported. */
    static Long setupOf(Long first, Long second) {
        return Arrays.asList(first, second).stream().filter(v -> v != null).max(Long::compare).orElse(null);
    }
}
