package app.duet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One capacity run against one server: N peers joined (two per room, {@code --concurrency} joins
 * in flight), then held idle for {@code --hold} seconds while the server pings them. It reports the
 * join rate and CPU per join, memory per peer and what an idle peer costs: the server's CPU over
 * the hold window per peer, as CPU-milliseconds per peer-hour. That window must span a few
 * heartbeat intervals ({@code --heartbeat}, the server's ping interval, which bin/bench sets) to
 * include the pings in a fair share; the peers count the pings they answer in it, as a check.
 */
final class CapacityRun {

    record Result(int peers, double joinsPerSecond, double cpuMicrosPerJoin, double rssKiBPerPeer,
                  double heapKiBPerPeer, double idleMillisPerPeerHour, double netIdleMillisPerPeerHour) {
    }

    private final SignalingBench bench;
    private final ServerProcess server;

    CapacityRun(SignalingBench bench, ServerProcess server) {
        this.bench = bench;
        this.server = server;
    }

    Result run() throws Exception {
        int peers = bench.number("peers", 10_000);
        int hold = bench.number("hold", 35);
        int heartbeat = bench.number("heartbeat", 10);
        Semaphore inFlight = new Semaphore(bench.number("concurrency", 200));
        long rss0 = server.rssBytes();
        double heap0 = server.heapAfterGcMiB();
        // the empty server's own CPU (timers, GC, JIT settling), to give the idle-peer cost net of it
        int baseline = bench.number("baseline", 5);
        double base0 = server.cpuSeconds();
        Thread.sleep(baseline * 1000L);
        double emptyShare = (server.cpuSeconds() - base0) / baseline;

        String prefix = "cap-" + System.nanoTime() + "-";
        List<BenchPeer> joined = new ArrayList<>();
        Latencies joins = new Latencies();
        double cpu0 = server.cpuSeconds();
        // the generator's own CPU: it shares the cores with the server, so it bounds the join rate
        double generator0 = ServerProcess.cpuSeconds(ProcessHandle.current().pid());
        long start = System.nanoTime();
        List<CompletableFuture<BenchPeer>> pending = new ArrayList<>();
        for (int i = 0; i < peers; i++) {
            inFlight.acquire();
            long t = System.nanoTime();
            pending.add(BenchPeer.join(bench.http(), server.room(prefix + i / 2, 0), "p" + i, text -> { })
                    .whenComplete((p, e) -> {
                        joins.add(System.nanoTime() - t);
                        inFlight.release();
                    }));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.out.println("not every peer joined: " + e.getCause());
        }
        pending.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).forEach(f -> joined.add(f.join()));
        if (joined.size() < peers) {
            System.out.printf("only %d of %d peers joined within 120 s%n", joined.size(), peers);
            peers = joined.size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double joinCpu = server.cpuSeconds() - cpu0;
        double generatorCpu = ServerProcess.cpuSeconds(ProcessHandle.current().pid()) - generator0;
        double[] joinMs = joins.millis(50, 99, 100);
        System.out.printf("joined %d peers in %.2f s: %.0f joins/s (per join p50 %.1f ms, p99 %.1f ms, max %.1f ms)%n",
                peers, seconds, peers / seconds, joinMs[0], joinMs[1], joinMs[2]);
        System.out.printf("server CPU while joining: %.2f s, %.0f µs per join (the generator's own: %.0f µs per join)%n",
                joinCpu, joinCpu * 1e6 / Math.max(1, peers), generatorCpu * 1e6 / Math.max(1, peers));
        long rss1 = server.rssBytes();

        System.out.printf("holding them %d s with heartbeats on (every %d s: the window spans %.1f intervals)…%n",
                hold, heartbeat, hold / (double) heartbeat);
        if (hold < 2 * heartbeat) {
            System.out.println("the hold is shorter than two heartbeat intervals: the idle-peer cost may miss or"
                    + " overweight pings; use --hold " + (3 * heartbeat + 5) + " or more");
        }
        long pings0 = BenchPeer.PINGS.get();
        double hold0 = server.cpuSeconds();
        long holdStart = System.nanoTime();
        Thread.sleep(hold * 1000L);
        double holdCpu = server.cpuSeconds() - hold0;
        double holdSeconds = (System.nanoTime() - holdStart) / 1e9;
        long pings = BenchPeer.PINGS.get() - pings0;
        long open = joined.stream().filter(BenchPeer::isOpen).count();
        long rss2 = server.rssBytes();
        double heap2 = server.heapAfterGcMiB();
        System.out.printf("after %d s: %d of %d sockets open%s%n", hold, open, peers,
                server.hasMetrics() ? String.format(", server peers %.0f", server.metric("duet_peers")) : "");
        System.out.printf("server RSS %.0f → %.0f (joined) → %.0f MiB (held): %.1f KiB per peer%s%n",
                rss0 / 1048576.0, rss1 / 1048576.0, rss2 / 1048576.0, (rss2 - rss0) / 1024.0 / peers,
                Double.isNaN(heap0) ? "" : String.format("; heap after GC %.0f → %.0f MiB: %.1f KiB per peer",
                        heap0, heap2, (heap2 - heap0) * 1024 / peers));
        double perPeerHour = holdCpu * 1e3 / peers / holdSeconds * 3600;
        double netPerPeerHour = (holdCpu - emptyShare * holdSeconds) * 1e3 / peers / holdSeconds * 3600;
        System.out.printf("idle peers: server CPU %.2f s over %.1f s held (%.1f%% of a core), %.1f pings answered per peer:"
                        + " %.1f ms of CPU per idle peer-hour (%.1f ms net of the empty server's own %.2f%% of a core)%n",
                holdCpu, holdSeconds, holdCpu * 100 / holdSeconds, pings / (double) Math.max(1, peers),
                perPeerHour, netPerPeerHour, emptyShare * 100);
        joined.forEach(BenchPeer::close);
        Thread.sleep(2000);
        return new Result(peers, peers / seconds, joinCpu * 1e6 / Math.max(1, peers), (rss2 - rss0) / 1024.0 / peers,
                (heap2 - heap0) * 1024 / peers, perPeerHour, netPerPeerHour);
    }

    /** Duet's figures as ratios to the reference relay's, both from this invocation. */
    static String ratios(String name, Result duet, Result reference) {
        return String.format("%s / reference relay, this run: joins/s %.2fx, CPU per join %.2fx, RSS per peer %.2fx,"
                        + " CPU per idle peer-hour %.2fx (net of the empty servers: %.2fx)",
                name, duet.joinsPerSecond() / reference.joinsPerSecond(), duet.cpuMicrosPerJoin() / reference.cpuMicrosPerJoin(),
                duet.rssKiBPerPeer() / reference.rssKiBPerPeer(), duet.idleMillisPerPeerHour() / reference.idleMillisPerPeerHour(),
                duet.netIdleMillisPerPeerHour() / reference.netIdleMillisPerPeerHour());
    }
}
