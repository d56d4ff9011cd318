package app.duet.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.monitoring.Scrape;
import app.duet.testing.Await;
import app.duet.testing.DeployedDuet;
import app.duet.testing.ServerHeap;
import app.duet.testing.SignalClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What anonymous sockets can make the server hold (issue 13, items 2 and 3), read as the heap
 * after a full GC of the server (jcmd): unfinished fragmented messages are kept only up to the
 * protocol's limit, and what a slot keeps for resume is bounded in bytes. Before the bounds, 125
 * half-sent messages took the heap from 65 to 599 MiB, and 80 senders 350 MiB more.
 */
class MemoryAbuseIT extends DeployedDuet {

    private static final long MIB = 1 << 20;

    /** The most one socket holding an unfinished message costs on Payara Micro, on average over an attack (README, Security). */
    static final long WORST_PER_SOCKET = 420 * 1024;

    @Test
    void halfSentMessagesHoldAtMostTheProtocolLimitEach() throws Exception {
        long pid = ServerHeap.startedServer().orElseThrow(() -> new AssertionError("no server process found"));
        List<SignalClient> over = new ArrayList<>();
        List<SignalClient> justUnder = new ArrayList<>();
        Await.until("nothing held from earlier tests (slots in their resume grace)", () -> held() == 0);
        try {
            long before = ServerHeap.afterGc(pid, anonymous());
            // each socket joined (an unjoined one is closed at the join deadline, and this takes a
            // while) and from an address of its own (SignalClient): no per-address limit is met
            for (int i = 0; i < 150; i++) {
                SignalClient socket = SignalClient.join(room(), null);
                for (int k = 0; k < 16; k++) {
                    socket.sendPart("y".repeat(50_000), false);
                }
                over.add(socket);
            }
            long afterOver = ServerHeap.afterGc(pid, anonymous());
            for (int i = 0; i < 200; i++) {
                SignalClient socket = SignalClient.join(room(), null);
                socket.sendPart("x".repeat(60_000), false);
                justUnder.add(socket);
            }
            long afterUnder = ServerHeap.afterGc(pid, anonymous());
            long perOver = (afterOver - before) / over.size();
            long perUnder = (afterUnder - afterOver) / justUnder.size();
            System.out.printf("[abuse] heap after GC %d MiB; +150 sockets with 800 KB of an unfinished message: %d MiB (%d KiB each);"
                    + " +200 with 60 KB: %d MiB (%d KiB each)%n", before / MIB, afterOver / MIB, perOver / 1024, afterUnder / MIB, perUnder / 1024);
            // Payara's own buffers are pooled, so how the growth splits between the two groups varies
            // from run to run (235/267 KiB, then 467/45 KiB); the total does not. Before the bound,
            // the 150 sockets past the limit alone kept 800 KB of message each (120 MB in all).
            long perSocket = (afterUnder - before) / (over.size() + justUnder.size());
            assertTrue(perSocket < WORST_PER_SOCKET, perSocket / 1024 + " KiB a socket");
            assertEquals(200 * 2 * 60_000L, held(), "the budget counts exactly the unfinished messages under the limit");
            for (SignalClient socket : over) {
                socket.sendPart("z", true);
                socket.error("too-large");
                socket.send("{\"type\":\"ping\"}");
                socket.next("pong");
            }
            SignalClient one = justUnder.get(0);
            one.sendPart("", true);
            one.error("bad-message");
            assertEquals(200, anonymous().get("api/health").statusCode());
        } finally {
            justUnder.forEach(SignalClient::drop);
            over.forEach(SignalClient::drop);
        }
        Await.until("what the closed sockets held is given back", () -> held() == 0);
    }

    private long held() {
        Matcher m = Pattern.compile("(?m)^duet_held_bytes (\\S+)$").matcher(anonymous().get("metrics").body());
        assertTrue(m.find());
        return (long) Double.parseDouble(m.group(1));
    }

    @Test
    void whatASlotKeepsForResumeIsBoundedInBytes() {
        long pid = ServerHeap.startedServer().orElseThrow(() -> new AssertionError("no server process found"));
        String frame = "{\"type\":\"message\",\"data\":\"" + "m".repeat(60_000) + "\"}";
        // The container keeps pools of its own after a first burst of 60 KB frames (on Payara Micro the
        // heap after GC stayed 75-140 MiB up when this ran first in a JVM, 17-20 MiB up when it ran
        // again), so the same traffic goes through once first, its sockets closed, and the heap is
        // compared from there: what is measured is what the slots keep, not the container's warm-up.
        // Still, with the 60 sockets open the container holds more than the slots do: the first CI
        // run with this warm-up read 82 MiB up (the slots 7 MiB), so the margin to the bound is thin.
        List<SignalClient> warmUp = new ArrayList<>();
        try {
            relay(frame, warmUp);
        } finally {
            warmUp.forEach(SignalClient::close);
        }
        // the heap is compared with a server that holds no earlier sockets any more (a slot left
        // without a goodbye is kept through the resume grace, 15 s)
        Await.until("earlier sockets closed and nothing held", Duration.ofSeconds(40),
                () -> Scrape.of(anonymous()).get("duet_connections") == 0 && held() == 0);
        long before = ServerHeap.afterGc(pid, anonymous());
        List<SignalClient> clients = new ArrayList<>();
        try {
            relay(frame, clients);
            long held = held();
            // 256 KiB a slot: exactly what the budget counts; 64 frames x 60 KB a slot were 115 MB before
            assertTrue(held <= 30 * 256 * 1024, held + " bytes held");
            // What the slots keep stays as long as the sockets do; what the container keeps of the
            // frames for a while after relaying them does not: the heap is read again, for up to
            // 30 s, while every socket stays open.
            long[] during = {0};
            Await.until("the heap after GC within 100 MiB of the start while the 60 sockets stay open", Duration.ofSeconds(30), () -> {
                during[0] = ServerHeap.afterGc(pid, anonymous());
                System.out.printf("[abuse] 30 receivers sent 64 x 60 KB each: heap after GC %d -> %d MiB; held for resume %d KiB%n",
                        before / MIB, during[0] / MIB, held / 1024);
                return during[0] - before < 100 * MIB;
            });
        } finally {
            clients.forEach(SignalClient::close);
        }
    }

    /** 30 pairs, each sender relaying 64 frames to its receiver, which reads them; the sockets stay open. */
    private void relay(String frame, List<SignalClient> clients) {
        for (int pair = 0; pair < 30; pair++) {
            URI room = room();
            SignalClient sender = SignalClient.join(room, "a");
            SignalClient receiver = SignalClient.join(room, "b");
            clients.add(sender);
            clients.add(receiver);
            sender.next("peer-joined");
            for (int i = 0; i < 64; i++) {
                sender.send(frame);
                if (i % 4 == 3) {
                    // paced as a client that waits for its peer: 256 KiB of frames in flight at most
                    for (int k = 0; k < 4; k++) {
                        receiver.next("message");
                    }
                }
            }
        }
    }
}
