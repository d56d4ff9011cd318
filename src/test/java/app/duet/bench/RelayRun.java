package app.duet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One measured relay run against one server: R rooms, A sends {@code message} frames to B, closed
 * or open loop. CPU per message divides the server's CPU over the window by the messages it counted
 * in /metrics, or, for the reference relay (no /metrics), by those B received in the window.
 */
final class RelayRun {

    record Result(double perSecond, double cpuMicrosPerMessage, double[] millis, long lost, long outOfOrder,
                  long errors, double connectSeconds, double rssBeforeMiB, double rssAfterMiB, double heapBeforeMiB,
                  double heapAfterMiB, int frameBytes, double redisMicrosPerMessage) {

        @Override
        public String toString() {
            return String.format("%.0f msg/s, server CPU %.1f µs/msg, latency p50 %.2f p90 %.2f p99 %.2f max %.2f ms,"
                            + " lost %d, out of order %d, errors %d, %d-byte frames, connect %.2f s,"
                            + " RSS %.0f→%.0f MiB, heap after GC %.0f→%.0f MiB",
                    perSecond, cpuMicrosPerMessage, millis[0], millis[1], millis[2], millis[3], lost, outOfOrder,
                    errors, frameBytes, connectSeconds, rssBeforeMiB, rssAfterMiB, heapBeforeMiB, heapAfterMiB)
                    .replace(", heap after GC NaN→NaN MiB", "")
                    + (Double.isNaN(redisMicrosPerMessage) ? "" : String.format(", Redis CPU %.1f µs/msg", redisMicrosPerMessage));
        }
    }

    private final SignalingBench bench;
    private final ServerProcess server;
    private final boolean closedLoop;
    /** Cluster bench: each room's two peers on different nodes (else both on one node, rooms alternating). */
    private final boolean cross;
    private final String prefix;
    private final int rooms;
    private final String pad;
    private final Latencies latencies = new Latencies();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private volatile boolean measuring;
    private volatile boolean running = true;

    RelayRun(SignalingBench bench, ServerProcess server, boolean closedLoop, String prefix) {
        this.bench = bench;
        this.server = server;
        this.closedLoop = closedLoop;
        this.prefix = prefix;
        this.rooms = bench.number("rooms", 100);
        this.cross = bench.option("placement", "same").equals("cross");
        this.pad = "x".repeat(Math.max(0, bench.number("size", 200) - frame(0, System.nanoTime(), "").length()));
    }

    static String frame(long seq, long t, String pad) {
        return "{\"type\":\"message\",\"data\":{\"seq\":" + seq + ",\"t\":" + t + ",\"p\":\"" + pad + "\"}}";
    }

    static long field(String text, String name) {
        int at = text.indexOf("\"" + name + "\":") + name.length() + 3;
        long value = 0;
        for (char c = text.charAt(at); c >= '0' && c <= '9'; c = text.charAt(++at)) {
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** A room of the run: A sends, B receives. */
    private final class Pair {
        BenchPeer a;
        long nextSeq;
        long lastSeen = -1;

        void onMessage(String text) {
            long now = System.nanoTime();
            long seq = field(text, "seq");
            if (measuring) {
                long t = field(text, "t");
                latencies.add(now - t, t);
            }
            synchronized (this) {
                if (seq <= lastSeen) {
                    outOfOrder.incrementAndGet();
                } else {
                    lastSeen = seq;
                }
            }
            received.incrementAndGet();
            if (closedLoop && running) {
                send(System.nanoTime());
            }
        }

        synchronized void send(long timestamp) {
            sent.incrementAndGet();
            a.send(frame(nextSeq++, timestamp, pad));
        }
    }

    Result run() throws Exception {
        double heapBefore = server.heapAfterGcMiB();
        double rssBefore = server.rssBytes() / 1048576.0;
        long errorsBefore = BenchPeer.ERRORS.get();
        List<Pair> pairs = new ArrayList<>();
        List<BenchPeer> peers = new ArrayList<>();
        long connectStart = System.nanoTime();
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (int i = 0; i < rooms; i++) {
            Pair pair = new Pair();
            pairs.add(pair);
            String room = prefix + "-" + i;
            int nodeA = i % 2;
            int nodeB = cross ? nodeA + 1 : nodeA;
            joins.add(BenchPeer.join(bench.http(), server.room(room, nodeA), "a", text -> { }).thenCompose(a -> {
                pair.a = a;
                synchronized (peers) {
                    peers.add(a);
                }
                return BenchPeer.join(bench.http(), server.room(room, nodeB), "b", pair::onMessage);
            }).thenAccept(b -> {
                synchronized (peers) {
                    peers.add(b);
                }
            }));
        }
        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;

        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2);
        if (closedLoop) {
            int window = bench.number("window", 10);
            pairs.forEach(p -> {
                for (int w = 0; w < window; w++) {
                    p.send(System.nanoTime());
                }
            });
        } else {
            long period = Math.round(1e9 / bench.number("rate", 50));
            long origin = System.nanoTime() + 100_000_000;
            for (int i = 0; i < rooms; i++) {
                Pair pair = pairs.get(i);
                long offset = period * i / rooms;
                long first = origin + offset;
                long[] k = {0};
                scheduler.scheduleAtFixedRate(() -> pair.send(first + period * k[0]++),
                        first - System.nanoTime(), period, TimeUnit.NANOSECONDS);
            }
        }
        Thread.sleep(bench.number("warmup", 5) * 1000L);
        measuring = true;
        StallProbe probe = new StallProbe().start();
        long received0 = received.get();
        double relayed0 = relayed();
        double cpu0 = server.cpuSeconds();
        double redis0 = bench.redisPid() == 0 ? 0 : ServerProcess.cpuSeconds(bench.redisPid());
        long t0 = System.nanoTime();
        Thread.sleep(bench.number("seconds", 20) * 1000L);
        double cpu1 = server.cpuSeconds();
        double redis1 = bench.redisPid() == 0 ? Double.NaN : ServerProcess.cpuSeconds(bench.redisPid());
        long t1 = System.nanoTime();
        long received1 = received.get();
        double relayed1 = relayed();
        measuring = false;
        List<StallProbe.Stall> stalls = probe.stop();
        running = false;
        scheduler.shutdownNow();
        long drainUntil = System.nanoTime() + 10_000_000_000L;
        while (received.get() < sent.get() && System.nanoTime() < drainUntil) {
            Thread.sleep(50);
        }
        double rssAfter = server.rssBytes() / 1048576.0;
        if (BenchPeer.ERRORS.get() > errorsBefore) {
            System.out.println("errors in this run, the last: " + BenchPeer.LAST_ERROR.get());
        }
        System.out.println(latencies.tailSpread(10, stalls));
        System.out.println(StallProbe.summary(stalls, (t1 - t0) / 1e9));
        peers.forEach(BenchPeer::close);
        Thread.sleep(500);
        return new Result((received1 - received0) / ((t1 - t0) / 1e9), (cpu1 - cpu0) * 1e6 / (relayed1 - relayed0),
                latencies.millis(50, 90, 99, 100), sent.get() - received.get(), outOfOrder.get(),
                BenchPeer.ERRORS.get() - errorsBefore, connectSeconds, rssBefore, rssAfter, heapBefore,
                server.heapAfterGcMiB(), frame(0, System.nanoTime(), pad).length(),
                (redis1 - redis0) * 1e6 / (relayed1 - relayed0));
    }

    /** Messages relayed so far: the server's count, or the generator's for the reference relay. */
    private double relayed() {
        return server.hasMetrics() ? server.relayed() : received.get();
    }
}
