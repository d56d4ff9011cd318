package app.duet.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.EndReason;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedJournalTest {

    long now = 1_000_000;
    final BoundedJournal<CallEvent> journal = new BoundedJournal<>("Call history", "duet.history.queue", 3, () -> now);
    final List<String> logged = new ArrayList<>();
    final Logger log = Logger.getLogger(BoundedJournal.class.getName());
    final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    {
        log.addHandler(handler);
    }

    @AfterEach
    void detach() {
        log.removeHandler(handler);
    }

    static CallEvent ended(String id) {
        return new CallEvent.Ended(id, 0, EndReason.HANG_UP);
    }

    @Test
    void pastItsCapacityTheJournalDropsNewEventsAndCountsThem() {
        for (int i = 0; i < 3; i++) {
            assertTrue(journal.append(ended("kept-" + i)));
        }
        for (int i = 0; i < 5; i++) {
            assertFalse(journal.append(ended("dropped-" + i)));
        }
        assertEquals(3, journal.size());
        assertEquals(5, journal.dropped());
        assertEquals(List.of(ended("kept-0"), ended("kept-1"), ended("kept-2")), journal.head(10), "the oldest stay, in order");
        journal.written(2);
        assertTrue(journal.append(ended("after")), "room again once written");
        assertEquals(List.of(ended("kept-2"), ended("after")), journal.head(10));
        assertEquals(5, journal.dropped());
    }

    @Test
    void dropsAreLoggedAtMostOnceAMinute() {
        for (int i = 0; i < 4; i++) {
            journal.append(ended("e" + i));
        }
        now += 100;
        journal.append(ended("e4"));
        now += BoundedJournal.LOG_EVERY_MS - 101;
        journal.append(ended("e5"));
        assertEquals(1, logged.size(), "one line in the first minute: " + logged);
        now += 1;
        journal.append(ended("e6"));
        assertEquals(2, logged.size(), "the next a minute after the first: " + logged);
        assertTrue(logged.get(0).startsWith("Call history queue full (3 events waiting for the database, duet.history.queue)"), logged.get(0));
        assertTrue(logged.get(1).contains("3 events dropped since the last such line, 4 since start"), logged.get(1));
    }
}
