package app.duet.calls.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.duet.calls.entity.CallRecord;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class CallRecordTest {

    @Test
    void endingSetsDurationReasonOnceAndNeverBeforeTheStart() {
        LocalDateTime start = CallRecords.utc(1_000_000);
        CallRecord call = new CallRecord("id", "room", start, "a", "b");
        call.end(start.plusSeconds(90), "hang-up");
        call.end(start.plusSeconds(200), "timeout");
        assertEquals(90_000L, call.getDurationMs());
        assertEquals("hang-up", call.getEndReason());

        CallRecord skewed = new CallRecord("id2", "room", start, "a", "b");
        skewed.end(start.minusSeconds(5), "server-shutdown");
        assertEquals(0L, skewed.getDurationMs());
        assertEquals(start, skewed.getEndedAt());
    }

    @Test
    void eachSideKeepsItsOwnUser() {
        CallRecord call = new CallRecord("id", "room", CallRecords.utc(0), "a", "b");
        assertNull(call.getFirstUser());
        call.user(false, "user-b");
        assertEquals("user-b", call.getSecondUser());
        assertNull(call.getFirstUser(), "the other side untouched");
        call.user(true, "user-a");
        assertEquals("user-a", call.getFirstUser());
    }

    @Test
    void epochMillisBecomeUtc() {
        assertEquals(LocalDateTime.of(1970, 1, 1, 0, 16, 40), CallRecords.utc(1_000_000));
    }
}
