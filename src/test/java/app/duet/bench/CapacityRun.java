package app.duet.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One capacity run against one server: N peers joined (two per room, {@code --concurrency} joins
 * in flight), then held idle for {@code --hold} seconds while the server pings them. It reports the
 * join rate and CPU per join, memory per peer and what an idle peer costs: the server's CPU over
 * the hold window per peer, as CPU-milliseconds per peer-hour. That window must span a few
 * heartbeat intervals ({@code --heartbeat}, the server's ping interval, which bin/bench sets) to
 * include the pings in a fair share; the peers count the pings they answer in it, as a check.
 */
final class CapacityRun {

    record Result(int peers, double joinsPerSecond, double cpuMicrosPerJoin, double generatorMicrosPerJoin, double rssKiBPerPeer,
                  double heapKiBPerPeer, double idleMillisPerPeerHour, double netIdleMillisPerPeerHour) {
    }

    private final SignalingBench bench;
    private final ServerProcess server;
    private final String client;

    /** {@code client}: jdk or node, the peers' WebSocket client (see {@link CapacityPeers}). */
    CapacityRun(SignalingBench bench, ServerProcess server, String client) {
        this.bench = bench;
        this.server = server;
        this.client = client;
    }

    Result run() throws Exception {
        Result result;
        try (CapacityPeers peersClient = CapacityPeers.of(client)) {
            result = run(peersClient);
        }
        Thread.sleep(2000);
        return result;
    }

    private Result run(CapacityPeers peersClient) throws Exception {
        int peers = bench.number("peers", 10_000);
        int hold = bench.number("hold", 35);
        int heartbeat = bench.number("heartbeat", 10);
        int concurrency = bench.number("concurrency", 200);
        long rss0 = server.rssBytes();
        double heap0 = server.heapAfterGcMiB();
        // the empty server's own CPU (timers, GC, JIT settling), to give the idle-peer cost net of it
        int baseline = bench.number("baseline", 5);
        double base0 = server.cpuSeconds();
        Thread.sleep(baseline * 1000L);
        double emptyShare = (server.cpuSeconds() - base0) / baseline;

        String prefix = "cap-" + System.nanoTime() + "-";
        Latencies joins = new Latencies();
        double cpu0 = server.cpuSeconds();
        // the generator's own CPU: it shares the cores with the server, so it bounds the join rate
        double generator0 = peersClient.cpuSeconds();
        long start = System.nanoTime();
        int joined = peersClient.join(server, prefix, peers, concurrency, joins);
        if (joined < peers) {
            System.out.printf("only %d of %d peers joined%n", joined, peers);
            peers = joined;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double joinCpu = server.cpuSeconds() - cpu0;
        double generatorCpu = peersClient.cpuSeconds() - generator0;
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
        long pings0 = peersClient.pings();
        double hold0 = server.cpuSeconds();
        long holdStart = System.nanoTime();
        Thread.sleep(hold * 1000L);
        double holdCpu = server.cpuSeconds() - hold0;
        double holdSeconds = (System.nanoTime() - holdStart) / 1e9;
        long pings = peersClient.pings() - pings0;
        long open = peersClient.open();
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
        return new Result(peers, peers / seconds, joinCpu * 1e6 / Math.max(1, peers), generatorCpu * 1e6 / Math.max(1, peers),
                (rss2 - rss0) / 1024.0 / peers, (heap2 - heap0) * 1024 / peers, perPeerHour, netPerPeerHour);
    }

    /** The medians of repeated runs against one target with one client. */
    static String medians(String label, List<Result> runs) {
        ToDoubleFunction<ToDoubleFunction<Result>> m = f -> median(runs, f);
        return String.format("median of %d, %s: %.0f joins/s, server CPU %.0f µs per join, generator CPU %.0f µs per join,"
                        + " RSS %.1f KiB per peer (first run), %.1f ms CPU per idle peer-hour", runs.size(), label,
                m.applyAsDouble(Result::joinsPerSecond), m.applyAsDouble(Result::cpuMicrosPerJoin),
                m.applyAsDouble(Result::generatorMicrosPerJoin), firstRss(runs),
                m.applyAsDouble(Result::idleMillisPerPeerHour));
    }

    /** Duet's figures as ratios to the reference relay's (medians of each), both from this invocation. */
    static String ratios(String name, List<Result> duet, List<Result> reference) {
        ToDoubleFunction<ToDoubleFunction<Result>> r = f -> median(duet, f) / median(reference, f);
        return String.format("%s / reference relay, this run: joins/s %.2fx, CPU per join %.2fx, RSS per peer (first runs) %.2fx,"
                        + " CPU per idle peer-hour %.2fx (net of the empty servers: %.2fx)", name,
                r.applyAsDouble(Result::joinsPerSecond), r.applyAsDouble(Result::cpuMicrosPerJoin),
                firstRss(duet) / firstRss(reference), r.applyAsDouble(Result::idleMillisPerPeerHour),
                r.applyAsDouble(Result::netIdleMillisPerPeerHour));
    }

    /**
     * RSS per peer, from a target's first run only: a later run's server already holds the heap
     * the first one grew (the JVM gives little back), so its RSS hardly moves and its figure means
     * nothing (earlier medians mixed them in: 5.1 KiB one run, −1.7 the next).
     */
    private static double firstRss(List<Result> runs) {
        return runs.get(0).rssKiBPerPeer();
    }

    private static double median(List<Result> results, ToDoubleFunction<Result> field) {
        double[] values = results.stream().mapToDouble(field).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
