package app.duet.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.signaling.entity.PeerEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookJournalTest {

    static PeerEvent joined(int i) {
        return new PeerEvent.Joined("r", "p" + i, null, null, i);
    }

    @Test
    void keepsNothingWithoutReceivers() {
        WebhookJournal journal = new WebhookJournal(WebhookSettings.of(Map.of()), new WebhookMetrics());
        assertFalse(journal.append(joined(1)));
        assertEquals(0, journal.size());
    }

    @Test
    void holdsAtMostItsBoundAndCountsWhatItDrops() {
        WebhookMetrics metrics = new WebhookMetrics();
        WebhookJournal journal = new WebhookJournal(WebhookSettings.of(Map.of("webhook.urls", "http://127.0.0.1:9/",
                "webhook.secret", WebhookSettingsTest.SECRET, "webhook.queue", "100")), metrics);
        for (int i = 0; i < 150; i++) {
            journal.append(joined(i));
        }
        assertEquals(100, journal.size());
        assertEquals(50, metrics.droppedCount(WebhookMetrics.QUEUE_FULL));
        assertEquals(joined(0), journal.head(3).get(0), "the oldest first");
        journal.written(3);
        assertEquals(joined(3), journal.head(1).get(0));
        assertTrue(journal.append(joined(200)), "room again once written");
    }
}
