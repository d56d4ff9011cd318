package app.duet.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    static final long DAY = Duration.ofDays(1).toMillis();
    final Backoff defaults = WebhookSettings.of(java.util.Map.of()).backoff();

    @Test
    void theDefaultsDoubleFromFiveSecondsToAnHourThenStayHourly() {
        assertEquals(new Backoff(5_000, 3_600_000, DAY), defaults);
        List<Long> waits = new ArrayList<>();
        for (int failures = 1; failures <= 12; failures++) {
            waits.add(defaults.next(0, failures, 1_000) - 1_000);
        }
        assertEquals(List.of(5_000L, 10_000L, 20_000L, 40_000L, 80_000L, 160_000L, 320_000L, 640_000L, 1_280_000L,
                2_560_000L, 3_600_000L, 3_600_000L), waits);
        assertEquals(1_000 + 3_600_000, defaults.next(0, 1_000, 1_000), "no overflow however many failures");
    }

    /** Failing at once each time it is due, an event is tried 34 times, the last exactly a day after it was recorded. */
    @Test
    void anEventIsTriedForADayThenGivenUp() {
        long created = 1_700_000_000_000L;
        long now = created;
        int attempts = 0;
        long last = now;
        while (now != Backoff.GIVE_UP) {
            last = now;
            attempts++;
            now = defaults.next(created, attempts, now);
        }
        assertEquals(created + DAY, last, "the last attempt is made when the day is up");
        assertEquals(34, attempts);
    }

    @Test
    void anEventDueAfterItsDayIsGivenUpWhenItFails() {
        assertEquals(Backoff.GIVE_UP, defaults.next(0, 1, DAY));
        assertEquals(Backoff.GIVE_UP, defaults.next(0, 1, 3 * DAY));
        assertEquals(DAY, defaults.next(0, 20, DAY - 1), "never later than the day");
    }

    @Test
    void shortSettingsForTests() {
        Backoff quick = WebhookSettings.of(java.util.Map.of("webhook.retry.initial.millis", "200",
                "webhook.retry.max.millis", "2000")).backoff();
        assertEquals(List.of(200L, 400L, 800L, 1600L, 2000L), List.of(quick.next(0, 1, 0), quick.next(0, 2, 0),
                quick.next(0, 3, 0), quick.next(0, 4, 0), quick.next(0, 5, 0)));
    }
}
