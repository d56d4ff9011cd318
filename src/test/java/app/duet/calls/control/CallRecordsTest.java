package app.duet.calls.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.duet.calls.entity.CallRecord;
import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.EndReason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How call events change the history's rows ({@link CallRecords#apply}), on a map in place of the table. */
class CallRecordsTest {

    final Map<String, CallRecord> table = new HashMap<>();

    List<CallEvent> apply(CallEvent... events) {
        return CallRecords.apply(List.of(events), table::get, r -> table.put(r.getId(), r));
    }

    static CallEvent started(String id) {
        return new CallEvent.Started(id, "room", 1_000, "Alice", "Bob");
    }

    @Test
    void eachSidesUserLandsOnItsOwnColumn() {
        assertEquals(List.of(), apply(started("c"), new CallEvent.UserKnown("c", false, "user-b"),
                new CallEvent.UserKnown("c", true, "user-a")));
        CallRecord call = table.get("c");
        assertEquals("user-a", call.getFirstUser());
        assertEquals("user-b", call.getSecondUser());
    }

    @Test
    void aSideWithoutAUserStaysNull() {
        apply(started("c"), new CallEvent.UserKnown("c", true, "user-a"), new CallEvent.Ended("c", 3_000, EndReason.HANG_UP));
        assertEquals("user-a", table.get("c").getFirstUser());
        assertNull(table.get("c").getSecondUser());
        assertEquals(2_000L, table.get("c").getDurationMs());
    }

    /** In a cluster the other node may write the start later: the user waits, as an end or a path does. */
    @Test
    void aUserWhoseCallIsNotThereYetIsReturnedAndAppliedOnceTheStartIs() {
        CallEvent user = new CallEvent.UserKnown("late", false, "user-b");
        CallEvent path = new CallEvent.QualityReported("late", false, "relay");
        assertEquals(List.of(user, path), apply(user, path, started("other")));
        assertEquals(List.of("other"), List.copyOf(table.keySet()), "nothing made up for the unknown call");

        apply(started("late"));
        assertEquals(List.of(), apply(user, path), "applied on the retry");
        assertEquals("user-b", table.get("late").getSecondUser());
        assertEquals("relay", table.get("late").getSecondPath());
        assertNull(table.get("late").getFirstUser());
    }

    @Test
    void aSecondStartOfTheSameCallKeepsTheUsersAlreadyWritten() {
        apply(started("c"), new CallEvent.UserKnown("c", true, "user-a"));
        apply(started("c"), new CallEvent.UserKnown("c", false, "user-b"));
        assertEquals("user-a", table.get("c").getFirstUser(), "the other node's start does not replace the row");
        assertEquals("user-b", table.get("c").getSecondUser());
    }

    /** The page's last report wins; a figure it did not send (an older page) leaves the stored one. */
    @Test
    void qualityReportsReplaceWhatTheyCarryAndKeepTheRest() {
        apply(started("q"), new CallEvent.QualityReported("q", true, "host", 900, 40, 0, false),
                new CallEvent.QualityReported("q", false, "relay", 1500, 80, 2, true),
                new CallEvent.QualityReported("q", true, "relay", null, 45, null, null));
        CallRecord q = table.get("q");
        assertEquals("relay", q.getFirstPath());
        assertEquals(900, q.getFirstSetupMs());
        assertEquals(45, q.getFirstRttMs());
        assertEquals(0, q.getFirstIceRestarts());
        assertEquals(false, q.getFirstReconnected());
        assertEquals(1500, q.getSecondSetupMs());
        assertEquals(80, q.getSecondRttMs());
        assertEquals(2, q.getSecondIceRestarts());
        assertEquals(true, q.getSecondReconnected());
    }
}
