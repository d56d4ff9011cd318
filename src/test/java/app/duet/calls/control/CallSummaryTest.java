package app.duet.calls.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's figures, counted from rows as the database gives them. */
class CallSummaryTest {

    static final LocalDateTime FROM = LocalDateTime.parse("2030-01-01T00:00");
    static final LocalDateTime TO = LocalDateTime.parse("2030-01-31T00:00");

    @Test
    void countsCallsAndRelayedOnesPerUtcDayReasonsMostFirstAndSetUpTimesByBucket() {
        List<CallSummary.Row> rows = List.of(
                new CallSummary.Row(LocalDateTime.parse("2030-01-05T23:59:59"), "host", "relay", "hang-up", 500L),
                new CallSummary.Row(LocalDateTime.parse("2030-01-02T00:00"), "relay", null, "disconnect", 501L),
                new CallSummary.Row(LocalDateTime.parse("2030-01-02T12:00"), "host", "srflx", "hang-up", 20_000L),
                new CallSummary.Row(LocalDateTime.parse("2030-01-02T13:00"), null, null, null, null));
        CallSummary.Result result = CallSummary.aggregate(FROM, TO, rows, false);
        assertEquals(4, result.calls());
        assertEquals(2, result.relayed());
        assertEquals(List.of(new CallSummary.Day(LocalDate.parse("2030-01-02"), 3, 1),
                new CallSummary.Day(LocalDate.parse("2030-01-05"), 1, 1)), result.days());
        assertEquals(List.of(new CallSummary.Reason("hang-up", 2), new CallSummary.Reason("disconnect", 1)), result.endReasons());
        assertEquals(List.of(new CallSummary.SetupBucket(500L, 1), new CallSummary.SetupBucket(1000L, 1),
                new CallSummary.SetupBucket(2000L, 0), new CallSummary.SetupBucket(5000L, 0),
                new CallSummary.SetupBucket(10000L, 0), new CallSummary.SetupBucket(null, 1)), result.setupMs());
    }

    @Test
    void noCallsGiveEmptyListsAndEveryBucketAtZero() {
        CallSummary.Result result = CallSummary.aggregate(FROM, TO, List.of(), false);
        assertEquals(0, result.calls());
        assertEquals(List.of(), result.days());
        assertEquals(6, result.setupMs().size());
        assertEquals(0, result.setupMs().stream().mapToLong(CallSummary.SetupBucket::calls).sum());
    }

    @Test
    void aCallsSetUpTimeIsTheLargerOfItsSides() {
        assertEquals(900L, CallSummary.setupOf(300L, 900L));
        assertEquals(300L, CallSummary.setupOf(300L, null));
        assertNull(CallSummary.setupOf(null, null));
    }
}
