package app.duet.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import app.duet.testing.Await;
import app.duet.testing.SignalClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Numbered frames from one peer to its peer on the other node while Redis is away or coming back,
 * each accounted for: delivered (in order, once) or answered {@code undelivered} to the sender,
 * never dropped silently. Nothing else may reach either side meanwhile: a {@code peer-left} (a
 * node taking the other for dead) or any other message fails at once.
 */
final class CrossRelay {

    private static final Duration BACK_WITHIN = Duration.ofSeconds(30);

    private final SignalClient from;
    private final SignalClient to;
    private final String tag;
    private final List<Integer> delivered = new ArrayList<>();
    private int sent;
    private int undelivered;

    CrossRelay(SignalClient from, SignalClient to, String tag) {
        this.from = from;
        this.to = to;
        this.tag = tag + "-";
    }

    /** Sends {@code count} frames while Redis is away: each is answered {@code undelivered}, none arrives. */
    void duringOutage(int count) {
        for (int i = 0; i < count; i++) {
            send();
        }
        Await.until("an undelivered for each of the " + sent + " frames sent into the outage", () -> {
            collect(Duration.ofMillis(100));
            return undelivered == sent;
        });
        assertEquals(List.of(), delivered, "frames sent while Redis was away");
    }

    /**
     * Sends a frame every ~quarter second until one arrives, then waits until every frame sent is
     * accounted for; returns when the first arrived ({@link System#nanoTime}).
     */
    long untilBack() {
        long deadline = System.nanoTime() + BACK_WITHIN.toNanos();
        while (delivered.isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("cross-node relay not back within " + BACK_WITHIN + ": " + undelivered + " of " + sent + " frames answered undelivered");
            }
            send();
            collect(Duration.ofMillis(250));
        }
        long back = System.nanoTime();
        int all = sent;
        Await.until("each of the " + all + " frames sent delivered or answered undelivered", () -> {
            collect(Duration.ofMillis(100));
            return delivered.size() + undelivered >= all;
        });
        assertEquals(all, delivered.size() + undelivered,
                "frames sent = delivered " + delivered + " + answered undelivered (" + undelivered + ")");
        assertEquals(delivered.stream().sorted().distinct().toList(), delivered, "delivered once each, in order");
        System.out.println("[cluster] " + tag + ": " + all + " frames sent, " + delivered.size() + " delivered, "
                + undelivered + " answered undelivered");
        return back;
    }

    private void send() {
        from.send(OnTwoNodes.message(tag + sent++));
    }

    /** Takes what has arrived on both sides, failing on anything that is neither a frame of this relay nor {@code undelivered}. */
    private void collect(Duration quiet) {
        for (JsonObject m : to.drain(quiet)) {
            if (!"message".equals(m.getString("type")) || !m.getString("data", "").startsWith(tag)) {
                fail("while Redis was away or coming back, the receiving peer got " + m);
            }
            delivered.add(Integer.parseInt(m.getString("data").substring(tag.length())));
        }
        for (JsonObject m : from.drain(Duration.ofMillis(20))) {
            if (!"error".equals(m.getString("type")) || !"undelivered".equals(m.getString("code", ""))) {
                fail("while Redis was away or coming back, the sending peer got " + m);
            }
            undelivered++;
        }
    }
}
