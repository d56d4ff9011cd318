package app.duet.calls.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.EndReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalWriterTest {

    /** A database that can be away, and that refuses one poisoned event. */
    static final class FakeRecords extends CallRecords {
        boolean away;
        String poison;
        final List<CallEvent> written = new ArrayList<>();

        @Override
        public void apply(List<CallEvent> events) {
            if (away || events.stream().anyMatch(e -> e.callId().equals(poison))) {
                throw new IllegalStateException("refused");
            }
            written.addAll(events);
        }

        @Override
        public void ping() {
            if (away) {
                throw new IllegalStateException("away");
            }
        }
    }

    final FakeRecords records = new FakeRecords();
    final CallJournal journal = new CallJournal();
    final JournalWriter writer = new JournalWriter();

    {
        writer.records = records;
        writer.journal = journal;
    }

    static CallEvent started(String id) {
        return new CallEvent.Started(id, "room", 0, "a", "b");
    }

    @Test
    void eventsWaitWhileTheDatabaseIsAwayAndAreWrittenInOrderWhenItIsBack() {
        records.away = true;
        journal.append(started("1"));
        journal.append(new CallEvent.Ended("1", 5, EndReason.HANG_UP));
        for (int tick = 0; tick < 20; tick++) {
            writer.flush();
        }
        assertEquals(2, journal.size(), "nothing lost, nothing dropped while away");
        records.away = false;
        writer.flush();
        assertEquals(List.of(started("1"), new CallEvent.Ended("1", 5, EndReason.HANG_UP)), records.written);
        assertEquals(0, journal.size());
    }

    @Test
    void anEventRefusedByAnAnsweringDatabaseIsDroppedAfterSomeTicksAndTheRestIsWritten() {
        records.poison = "bad";
        journal.append(started("bad"));
        journal.append(started("good"));
        for (int tick = 1; tick < JournalWriter.ATTEMPTS; tick++) {
            writer.flush();
            assertEquals(2, journal.size(), "a passing refusal is retried, tick " + tick);
        }
        writer.flush();
        assertEquals(List.of(started("good")), records.written);
        assertEquals(0, journal.size());
    }

    @Test
    void aBadEventLaterInABatchDoesNotHoldBackTheOnesBeforeIt() {
        records.poison = "bad";
        journal.append(started("1"));
        journal.append(started("bad"));
        writer.flush();
        assertEquals(List.of(started("1")), records.written);
        assertEquals(1, journal.size());
    }
}
