package app.duet.calls.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.duet.platform.control.SettingReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallJournalTest {

    @Test
    void theCapacityIsASetting() {
        assertEquals(CallJournal.DEFAULT_CAPACITY, CallJournal.capacity(new SettingReader(Map.<String, String>of()::get)));
        assertEquals(500, CallJournal.capacity(new SettingReader(Map.of("history.queue", "500")::get)));
        assertEquals(500, new CallJournal(500).capacity());
    }
}
