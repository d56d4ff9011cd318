package app.duet.page;

import app.duet.testing.Browser;
import app.duet.testing.CallPage;
import app.duet.testing.DeployedDuet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Call set-up time on loopback: ten calls between two browsers; for the second peer to join,
 * the time from clicking "Join call" to the peer connection's {@code connected}, measured by the
 * page itself ({@code duet.timings}). Prints each and the median; asserts only that every call
 * connects (figures are not asserted: the machine is shared and noisy).
 */
class CallSetupBenchmarkIT extends DeployedDuet {

    static final int CALLS = 10;

    @Test
    void tenCallsConnectAndTheMedianSetUpTimeIsPrinted() {
        List<Double> millis = new ArrayList<>();
        try (Browser first = new Browser(); Browser second = new Browser()) {
            for (int i = 0; i < CALLS; i++) {
                String room = "bench-" + UUID.randomUUID();
                CallPage alice = new CallPage(first).join(base(), room, "Alice");
                CallPage bob = new CallPage(second).join(base(), room, "Bob");
                try {
                    bob.awaitConnected();
                    alice.awaitConnected();
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\nthe other side: " + alice.diagnostics(), e);
                }
                double setUp = ((Number) second.js("return duet.timings.connected - duet.timings.join;")).doubleValue();
                millis.add(setUp);
                System.out.printf("call %d: join -> connected %.0f ms%n", i + 1, setUp);
                first.click("#hangup-btn");
                second.click("#hangup-btn");
            }
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        double median = (sorted.get(CALLS / 2 - 1) + sorted.get(CALLS / 2)) / 2;
        System.out.printf("CALL SET-UP over %d calls on loopback: median %.0f ms, min %.0f ms, max %.0f ms%n",
                CALLS, median, sorted.get(0), sorted.get(CALLS - 1));
    }
}
