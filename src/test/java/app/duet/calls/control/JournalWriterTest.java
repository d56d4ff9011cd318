package app.duet.calls.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.EndReason;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JournalWriterTest {

    /** A database that can be away, that refuses one poisoned event, and knows the calls started. */
    static class FakeRecords extends CallRecords {
        boolean away;
        String poison;
        final List<CallEvent> written = new ArrayList<>();
        final Set<String> calls = new HashSet<>();

        @Override
        public List<CallEvent> apply(List<CallEvent> events) {
            if (away || events.stream().anyMatch(e -> e.callId().equals(poison))) {
                throw new IllegalStateException("refused");
            }
            List<CallEvent> unmatched = new ArrayList<>();
            for (CallEvent e : events) {
                if (e instanceof CallEvent.Started) {
                    calls.add(e.callId());
                }
                (calls.contains(e.callId()) ? written : unmatched).add(e);
            }
            return unmatched;
        }

        final List<Long> notedRunning = new ArrayList<>();

        @Override
        public void stillRunning(long at) {
            notedRunning.add(at);
        }

        @Override
        public boolean answers() {
            return !away;
        }
    }

    final FakeRecords records = new FakeRecords();
    final CallJournal journal = new CallJournal();
    final JournalWriter writer = new JournalWriter();

    long now = 1_000_000;

    {
        writer.records = records;
        writer.journal = journal;
        writer.clock = () -> now;
    }

    static CallEvent started(String id) {
        return new CallEvent.Started(id, "room", 0, "a", "b");
    }

    /** README: the writer notes running calls every 15 s (a crashed call ends as of the last note); not while the database is away. */
    @Test
    void runningCallsAreNotedEvery15SecondsWhileTheDatabaseAnswers() {
        long first = now;
        writer.tick();
        now += JournalWriter.STILL_RUNNING_EVERY_MS - 1;
        writer.tick();
        now += 1;
        writer.tick();
        assertEquals(List.of(first, first + 15_000), records.notedRunning);
        records.away = true;
        journal.append(started("1"));
        now += JournalWriter.STILL_RUNNING_EVERY_MS;
        writer.tick();
        assertEquals(2, records.notedRunning.size(), "not noted while the database is away");
        records.away = false;
        writer.tick();
        assertEquals(List.of(first, first + 15_000, now), records.notedRunning, "noted again once it is back");
    }

    /** Appends the starts of these calls; the database refuses the one named "bad". */
    private void appendStarts(String... ids) {
        records.poison = "bad";
        for (String id : ids) {
            journal.append(started(id));
        }
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
        appendStarts("bad", "good");
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
        appendStarts("1", "bad");
        writer.flush();
        assertEquals(List.of(started("1")), records.written);
        assertEquals(1, journal.size());
    }

    /** In a cluster another node's journal writes the start, possibly after this one's end. */
    @Test
    void anEndThatReachesTheHistoryBeforeItsStartWaitsAsideAndIsWrittenAfterIt() {
        CallEvent ended = new CallEvent.Ended("1", 5, EndReason.HANG_UP);
        CallEvent path = new CallEvent.QualityReported("1", true, "direct");
        CallEvent user = new CallEvent.UserKnown("1", false, "user-b");
        journal.append(ended);
        journal.append(path);
        journal.append(user);
        journal.append(started("2"));
        for (int tick = 0; tick < 4 * JournalWriter.ATTEMPTS; tick++, now += JournalWriter.TICK_MS) {
            writer.tick();
        }
        assertEquals(List.of(started("2")), records.written, "the events after it are not held back");
        assertEquals(0, journal.size());
        journal.append(started("1"));
        writer.tick();
        assertEquals(List.of(started("2"), started("1"), ended, path, user), records.written, "nothing dropped, in order");
        now += Unmatched.HOLD_MS;
        writer.tick();
        assertEquals(5, records.written.size(), "written once");
    }

    @Test
    void anEndWhoseCallDoesNotComeIsKeptThroughADatabaseOutageAndGivenUpAfterTheHoldTime() {
        CallEvent late = new CallEvent.Ended("late", 5, EndReason.HANG_UP);
        journal.append(late);
        writer.tick();
        records.away = true;
        now += Unmatched.HOLD_MS / 2;
        writer.tick();
        records.away = false;
        now += Unmatched.HOLD_MS / 2 - 1;
        writer.tick();
        journal.append(started("late"));
        writer.tick();
        assertEquals(List.of(started("late"), late), records.written, "still held just before the hold time");

        journal.append(new CallEvent.Ended("never", 7, EndReason.HANG_UP));
        writer.tick();
        now += Unmatched.HOLD_MS;
        writer.tick();
        journal.append(started("never"));
        writer.tick();
        assertEquals(List.of(started("late"), late, started("never")), records.written, "the end was given up after the hold time");
    }

    /** A database that hangs holds one tick (until the JDBC timeouts end it); the ticks after it must not queue up behind it. */
    @Test
    void aTickWhileTheLastOneWaitsForTheDatabaseReturnsAtOnceAndTheJournalCatchesUpAfterwards() throws Exception {
        CountDownLatch inDatabase = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        FakeRecords hanging = new FakeRecords() {
            @Override
            public boolean answers() {
                inDatabase.countDown();
                try {
                    answer.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return true;
            }
        };
        writer.records = hanging;
        journal.append(started("1"));
        CompletableFuture<Void> first = CompletableFuture.runAsync(writer::tick);
        assertTrue(inDatabase.await(5, TimeUnit.SECONDS));
        journal.append(started("2"));
        for (int i = 0; i < 3; i++) {
            CompletableFuture.runAsync(writer::tick).get(2, TimeUnit.SECONDS);
        }
        answer.countDown();
        first.get(5, TimeUnit.SECONDS);
        writer.tick();
        assertEquals(List.of(started("1"), started("2")), hanging.written);
    }
}
