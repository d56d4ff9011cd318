package app.duet.signaling.control;

import static app.duet.signaling.control.Client.Admission.ADMITTED;
import static app.duet.signaling.control.Client.Admission.REFUSED_SILENTLY;
import static app.duet.signaling.control.Client.Admission.REFUSED_TOLD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link Client#admit}: the rate limit of one socket, and its notice at most once a second. */
class ClientTest {

    static final long SECOND = 1_000_000_000L;

    /** A client whose bucket holds {@code burst} and refills {@code perSecond}, its clock starting at {@code start}. */
    private static Client client(int burst, double perSecond, long start) {
        return new Client(new FakeLink(), "room", new TokenBucket(burst, perSecond, start), start);
    }

    @Test
    void theBurstIsAdmittedThenTheFirstRefusalIsToldAndTheRestOfTheSecondIsNot() {
        Client client = client(3, 2, 0);
        assertEquals(ADMITTED, client.admit(0));
        assertEquals(ADMITTED, client.admit(0));
        assertEquals(ADMITTED, client.admit(0));
        assertEquals(REFUSED_TOLD, client.admit(0));
        assertEquals(REFUSED_SILENTLY, client.admit(0), "a clock reading of 0 is a notice like any other");
        assertEquals(REFUSED_SILENTLY, client.admit(SECOND / 4));
        assertEquals(ADMITTED, client.admit(SECOND / 2), "2 a second: one token after 0.5 s");
        assertEquals(REFUSED_SILENTLY, client.admit(SECOND / 2), "a refill does not reset the notice");
        assertEquals(REFUSED_SILENTLY, client.admit(SECOND - 1), "still within the second of the notice");
    }

    @Test
    void aFloodIsToldOnceInEachSecondCountedFromTheLastNotice() {
        Client client = client(1, 0.001, 0); // practically no refill: every message after the first is refused
        assertEquals(ADMITTED, client.admit(0));
        int told = 0;
        // ten messages a second for five seconds
        for (long t = SECOND / 10; t <= 5 * SECOND; t += SECOND / 10) {
            if (client.admit(t) == REFUSED_TOLD) {
                told++;
            }
        }
        assertEquals(5, told, "at 0.1, 1.1, 2.1, 3.1 and 4.1 s");
    }

    @Test
    void theNoticeIsToldExactlyOnceASecondHasPassed() {
        Client client = client(1, 0.001, 0);
        client.admit(0);
        assertEquals(REFUSED_TOLD, client.admit(7));
        assertEquals(REFUSED_SILENTLY, client.admit(7 + SECOND - 1));
        assertEquals(REFUSED_TOLD, client.admit(7 + SECOND));
        assertEquals(REFUSED_SILENTLY, client.admit(7 + SECOND + 1));
    }

    @Test
    void aNegativeNanoTimeWorksTheSame() {
        long start = -5 * SECOND; // System.nanoTime() may be negative
        Client client = client(1, 0.001, start);
        assertEquals(ADMITTED, client.admit(start));
        assertEquals(REFUSED_TOLD, client.admit(start + 1));
        assertEquals(REFUSED_SILENTLY, client.admit(start + SECOND / 2));
        assertEquals(REFUSED_TOLD, client.admit(start + 1 + SECOND));
    }
}
