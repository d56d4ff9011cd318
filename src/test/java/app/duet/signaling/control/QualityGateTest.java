package app.duet.signaling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.duet.signaling.entity.Quality;
import org.junit.jupiter.api.Test;

/** Which stats reports become call events: a flood of frames cannot become a flood of history writes. */
class QualityGateTest {

    private static Quality rtt(int rttMs) {
        return new Quality("host", 800, rttMs, 0, false);
    }

    @Test
    void aChangedReportPassesAtMostEveryFiveSecondsAndTheLastHeldOneAtTheEnd() {
        QualityGate gate = new QualityGate();
        assertEquals(rtt(40), gate.offer("c1", rtt(40), 0), "the first report passes");
        assertNull(gate.offer("c1", rtt(40), 10_000), "the same again is dropped");
        int passed = 0;
        // a peer sending a changed report every 10 ms for a minute
        for (long now = 10_000; now < 70_000; now += 10) {
            if (gate.offer("c1", rtt((int) (now % 1000)), now) != null) {
                passed++;
            }
        }
        assertEquals(12, passed, "6,000 frames, one event per 5 s");
        gate.offer("c1", rtt(77), 69_995);
        assertEquals(rtt(77), gate.flush("c1"), "the newest held back report comes out at the end");
        assertNull(gate.flush("c1"), "once");
    }

    @Test
    void aHeldReportIsDroppedWhenTheSameAsTheLastPassedComesAgain() {
        QualityGate gate = new QualityGate();
        gate.offer("c1", rtt(40), 0);
        assertNull(gate.offer("c1", rtt(50), 1_000));
        assertNull(gate.offer("c1", rtt(40), 2_000), "back to what is stored");
        assertNull(gate.flush("c1"));
        assertEquals(rtt(60), gate.offer("c1", rtt(60), 5_000), "after the wait, a change passes at once");
    }

    @Test
    void aNewCallStartsAfresh() {
        QualityGate gate = new QualityGate();
        gate.offer("c1", rtt(40), 0);
        assertNull(gate.offer("c1", rtt(50), 1_000));
        assertEquals(rtt(40), gate.offer("c2", rtt(40), 1_500), "the same figures, but the first of the next call");
        assertNull(gate.flush("c1"), "nothing held back of another call comes out");
    }
}
