package app.duet.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One measured relay run against one server: R rooms, A sends {@code message} frames to B, closed
 * or open loop, the peers on the JDK's client or on Node's ({@link RelayPeers}, --client jdk|node).
 * CPU per message divides the server's CPU over the window by the messages it counted in /metrics,
 * or, for the reference relay (no /metrics), by those B received in the window.
 */
final class RelayRun {

    record Result(double perSecond, double cpuMicrosPerMessage, double systemMicrosPerMessage, double[] millis, long lost,
                  long outOfOrder, long errors, double connectSeconds, double rssBeforeMiB, double rssAfterMiB,
                  double heapBeforeMiB, double heapAfterMiB, int frameBytes, double redisMicrosPerMessage,
                  SyscallCount.PerMessage syscalls) {

        @Override
        public String toString() {
            return String.format("%.0f msg/s, server CPU %.1f µs/msg (%.1f of it in the kernel), latency p50 %.2f p90 %.2f p99 %.2f max %.2f ms,"
                            + " lost %d, out of order %d, errors %d, %d-byte frames, connect %.2f s,"
                            + " RSS %.0f→%.0f MiB, heap after GC %.0f→%.0f MiB",
                    perSecond, cpuMicrosPerMessage, systemMicrosPerMessage, millis[0], millis[1], millis[2], millis[3], lost, outOfOrder,
                    errors, frameBytes, connectSeconds, rssBeforeMiB, rssAfterMiB, heapBeforeMiB, heapAfterMiB)
                    .replace(", heap after GC NaN→NaN MiB", "")
                    + (Double.isNaN(redisMicrosPerMessage) ? "" : String.format(", Redis CPU %.1f µs/msg", redisMicrosPerMessage))
                    + (syscalls == null ? "" : "; " + syscalls);
        }
    }

    /** Between the server's readings and the latencies kept (see {@link #run()}). */
    private static final long SETTLE_MILLIS = 200;

    private final SignalingBench bench;
    private final ServerProcess server;
    private final boolean closedLoop;
    /** Cluster bench: each room's two peers on different nodes (else both on one node, rooms alternating). */
    private final boolean cross;
    private final String prefix;
    private final int rooms;

    RelayRun(SignalingBench bench, ServerProcess server, boolean closedLoop, String prefix) {
        this.bench = bench;
        this.server = server;
        this.closedLoop = closedLoop;
        this.prefix = prefix;
        this.rooms = bench.number("rooms", 100);
        this.cross = bench.option("placement", "same").equals("cross");
    }

    Result run() throws Exception {
        double heapBefore = server.heapAfterGcMiB();
        double rssBefore = server.rssBytes() / 1048576.0;
        List<URI[]> urls = new ArrayList<>();
        for (int i = 0; i < rooms; i++) {
            int nodeA = i % 2;
            urls.add(new URI[] {server.room(prefix + "-" + i, nodeA), server.room(prefix + "-" + i, cross ? nodeA + 1 : nodeA)});
        }
        RelayPeers peers = RelayPeers.of(bench.option("client", "jdk"), bench, bench.number("size", 200));
        boolean closed = false;
        try {
            long connectStart = System.nanoTime();
            int frameLength = peers.connect(urls);
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            if (closedLoop) {
                peers.startClosed(bench.number("window", 10));
            } else {
                peers.startOpen(bench.number("rate", 50));
            }
            Thread.sleep(bench.number("warmup", 5) * 1000L);
            long received0 = peers.counts().received();
            double relayed0 = relayed(peers);
            ServerProcess.CpuTimes cpu0 = server.cpuTimes();
            // --syscalls: what the server asks of the kernel over the window (bin/bench --syscalls)
            SyscallCount syscalls = bench.option("syscalls", "").isEmpty() ? null : SyscallCount.start(server.pids());
            double redis0 = bench.redisPid() == 0 ? 0 : ServerProcess.cpuSeconds(bench.redisPid());
            long t0 = System.nanoTime();
            // The readings at each end of the window ask Duet for /metrics (an HTTP request on the
            // I/O thread that relays, never sent to the reference relay) and the Node peers for their
            // counts: latencies are kept only from SETTLE_MILLIS after the first to SETTLE_MILLIS
            // before the last, so that neither lands in the tail (in one run 100 of Duet's 752 slowest
            // messages were sent while they were made, 40 of the reference's).
            Thread.sleep(SETTLE_MILLIS);
            peers.measure(true);
            StallProbe probe = new StallProbe().start();
            long from = System.nanoTime();
            Thread.sleep(Math.max(0, bench.number("seconds", 20) * 1000L - 2 * SETTLE_MILLIS));
            long to = System.nanoTime();
            peers.measure(false);
            List<StallProbe.Stall> stalls = probe.stop();
            Thread.sleep(SETTLE_MILLIS);
            if (syscalls != null) {
                syscalls.stop();
            }
            ServerProcess.CpuTimes cpu = server.cpuTimes().minus(cpu0);
            double redis1 = bench.redisPid() == 0 ? Double.NaN : ServerProcess.cpuSeconds(bench.redisPid());
            long t1 = System.nanoTime();
            long received1 = peers.counts().received();
            double relayed1 = relayed(peers);
            peers.halt();
            long drainUntil = System.nanoTime() + 10_000_000_000L;
            RelayPeers.Counts counts = peers.counts();
            while (counts.received() < counts.sent() && System.nanoTime() < drainUntil) {
                Thread.sleep(50);
                counts = peers.counts();
            }
            double rssAfter = server.rssBytes() / 1048576.0;
            if (counts.errors() > 0) {
                System.out.println("errors in this run, the last: " + peers.lastError());
            }
            Latencies latencies = peers.latencies();
            System.out.println(latencies.tailSpread(10, stalls));
            noteTail(latencies.fullestTailWindows(10), from, to);
            System.out.println(StallProbe.summary(stalls, (to - from) / 1e9));
            peers.close();
            closed = true;
            Thread.sleep(500);
            return new Result((received1 - received0) / ((t1 - t0) / 1e9), cpu.total() * 1e6 / (relayed1 - relayed0),
                    cpu.system() * 1e6 / (relayed1 - relayed0), latencies.millis(50, 90, 99, 100), counts.sent() - counts.received(), counts.outOfOrder(),
                    counts.errors(), connectSeconds, rssBefore, rssAfter, heapBefore,
                    server.heapAfterGcMiB(), frameLength, (redis1 - redis0) * 1e6 / (relayed1 - relayed0),
                    syscalls == null ? null : syscalls.perMessage(relayed1 - relayed0));
        } finally {
            if (!closed) {
                peers.close();
            }
        }
    }

    /**
     * With --tail-file (bin/bench --sched), appends this run's measured span and its tail's fullest
     * windows (CLOCK_MONOTONIC nanoseconds, the clock of the send stamps and of `perf record -k
     * CLOCK_MONOTONIC`) as a line for {@link SchedReport}: target, from, to, then from:messages per window.
     */
    private void noteTail(List<Latencies.Window> windows, long from, long to) throws IOException {
        String file = bench.option("tail-file", "");
        if (file.isEmpty()) {
            return;
        }
        StringBuilder line = new StringBuilder(server.name()).append('\t').append(from).append('\t').append(to);
        windows.forEach(w -> line.append('\t').append(w.from()).append(':').append(w.messages()));
        Files.writeString(Path.of(file), line.append('\n'), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Messages relayed so far: the server's count, or the generator's for the reference relay. */
    private double relayed(RelayPeers peers) throws Exception {
        return server.hasMetrics() ? server.relayed() : peers.counts().received();
    }
}
