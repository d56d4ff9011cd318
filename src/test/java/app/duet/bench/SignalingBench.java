package app.duet.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Load generator for a running Duet (see README, Performance). Modes:
 * <ul>
 * <li>{@code closed}: R rooms, peer A keeps W messages in flight to peer B (saturation);</li>
 * <li>{@code open}: R rooms, A sends at a fixed rate per room, timestamps from the schedule;</li>
 * <li>{@code capacity}: N joined peers held idle with the server's heartbeats running.</li>
 * </ul>
 * B measures one-way latency on the generator's clock. The server's CPU and RSS come from
 * /proc/&lt;pid&gt;, its relay count and heap from /metrics.
 */
public final class SignalingBench {

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<URI> bases;
    private final ServerProcess server;
    private final long redisPid;

    private SignalingBench(Map<String, String> options) {
        this.options = options;
        this.bases = Arrays.stream(option("url", "http://127.0.0.1:8080/").split(",")).map(URI::create).toList();
        this.server = new ServerProcess(Arrays.stream(option("pid", null).split(",")).map(Long::valueOf).toList(), bases, http);
        this.redisPid = Long.parseLong(option("redis-pid", "0"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Locale.setDefault(Locale.ROOT);
        new SignalingBench(options).run();
        System.exit(0);
    }

    String option(String name, String fallback) {
        String value = options.getOrDefault(name, fallback);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    int number(String name, int fallback) {
        return Integer.parseInt(option(name, Integer.toString(fallback)));
    }

    URI room(String id) {
        return room(id, 0);
    }

    /** The room's socket URL on node {@code node} (of the --url list, modulo its size). */
    URI room(String id, int node) {
        return URI.create(bases.get(node % bases.size()).toString().replaceFirst("^http", "ws") + "signal/" + id);
    }

    /** The pid of the cluster's redis-server, or 0 without one. */
    long redisPid() {
        return redisPid;
    }

    HttpClient http() {
        return http;
    }

    ServerProcess server() {
        return server;
    }

    private void run() throws Exception {
        String mode = option("mode", "closed");
        if (mode.equals("capacity")) {
            capacity();
            return;
        }
        int repeat = number("repeat", 3);
        List<RelayRun.Result> results = new ArrayList<>();
        for (int i = 1; i <= repeat; i++) {
            RelayRun.Result result = new RelayRun(this, mode.equals("closed"), "r" + i + "-" + System.nanoTime()).run();
            System.out.println("run " + i + ": " + result);
            results.add(result);
        }
        if (redisPid != 0) {
            System.out.printf("median of %d: Redis CPU %.1f µs/msg%n", repeat, median(results, r -> r.redisMicrosPerMessage()));
        }
        System.out.printf("median of %d: %.0f msg/s, server CPU %.1f µs/msg, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms;"
                        + " lost %d, out of order %d%n", repeat,
                median(results, r -> r.perSecond()), median(results, r -> r.cpuMicrosPerMessage()),
                median(results, r -> r.millis()[0]), median(results, r -> r.millis()[1]),
                median(results, r -> r.millis()[2]), median(results, r -> r.millis()[3]),
                results.stream().mapToLong(RelayRun.Result::lost).sum(),
                results.stream().mapToLong(RelayRun.Result::outOfOrder).sum());
    }

    static double median(List<RelayRun.Result> results, java.util.function.ToDoubleFunction<RelayRun.Result> field) {
        double[] values = results.stream().mapToDouble(field).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    /** N peers joined (two per room) and held idle while the server's heartbeats run. */
    private void capacity() throws Exception {
        int peers = number("peers", 10_000);
        int hold = number("hold", 35);
        Semaphore inFlight = new Semaphore(number("concurrency", 200));
        long rss0 = server.rssBytes();
        long heap0 = server.heapAfterGc();
        String prefix = "cap-" + System.nanoTime() + "-";
        List<BenchPeer> joined = new ArrayList<>();
        Latencies joins = new Latencies();
        double cpu0 = server.cpuSeconds();
        long start = System.nanoTime();
        List<CompletableFuture<BenchPeer>> pending = new ArrayList<>();
        for (int i = 0; i < peers; i++) {
            inFlight.acquire();
            long t = System.nanoTime();
            pending.add(BenchPeer.join(http, room(prefix + i / 2), "p" + i, text -> { })
                    .whenComplete((p, e) -> {
                        joins.add(System.nanoTime() - t);
                        inFlight.release();
                    }));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            System.out.println("not every peer joined: " + e.getCause());
        }
        pending.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).forEach(f -> joined.add(f.join()));
        if (joined.size() < peers) {
            System.out.printf("only %d of %d peers joined within 120 s%n", joined.size(), peers);
            peers = joined.size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double joinCpu = server.cpuSeconds() - cpu0;
        double[] joinMs = joins.millis(50, 99, 100);
        System.out.printf("joined %d peers in %.2f s: %.0f joins/s (per join p50 %.1f ms, p99 %.1f ms, max %.1f ms)%n",
                peers, seconds, peers / seconds, joinMs[0], joinMs[1], joinMs[2]);
        System.out.printf("server CPU while joining: %.2f s, %.0f µs per join%n", joinCpu, joinCpu * 1e6 / Math.max(1, peers));
        long rss1 = server.rssBytes();
        System.out.printf("holding them %d s with heartbeats on…%n", hold);
        Thread.sleep(hold * 1000L);
        long open = joined.stream().filter(BenchPeer::isOpen).count();
        long rss2 = server.rssBytes();
        long heap2 = server.heapAfterGc();
        System.out.printf("after %d s: %d of %d sockets open, server peers %.0f%n", hold, open, peers, server.metric("duet_peers"));
        System.out.printf("server RSS %.0f → %.0f (joined) → %.0f MiB (held): %.1f KiB per peer; heap after GC %.0f → %.0f MiB: %.1f KiB per peer%n",
                rss0 / 1048576.0, rss1 / 1048576.0, rss2 / 1048576.0, (rss2 - rss0) / 1024.0 / peers,
                heap0 / 1048576.0, heap2 / 1048576.0, (heap2 - heap0) / 1024.0 / peers);
        joined.forEach(BenchPeer::close);
        Thread.sleep(2000);
    }
}
