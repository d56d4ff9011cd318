package app.duet.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;

/**
 * Load generator for a running Duet (see README, Performance). Modes:
 * <ul>
 * <li>{@code closed}: R rooms, peer A keeps W messages in flight to peer B (saturation);</li>
 * <li>{@code open}: R rooms, A sends at a fixed rate per room, timestamps from the schedule;</li>
 * <li>{@code capacity}: N joined peers held idle with the server's heartbeats running.</li>
 * </ul>
 * B measures one-way latency on the generator's clock. The server's CPU and RSS come from
 * /proc/&lt;pid&gt;, its relay count and heap from /metrics. With {@code --reference-pid} and
 * {@code --reference-url} (bin/bench --reference) each repeat runs first against the reference
 * relay, then against Duet, and the report gives Duet's medians as ratios to the reference's.
 */
public final class SignalingBench {

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ServerProcess server;
    /** The reference relay, or null without --reference-pid. */
    private final ServerProcess reference;
    private final long redisPid;

    private SignalingBench(Map<String, String> options) {
        this.options = options;
        this.server = new ServerProcess(option("server", "Duet"),
                Arrays.stream(option("pid", null).split(",")).map(Long::valueOf).toList(),
                Arrays.stream(option("url", "http://127.0.0.1:8080/").split(",")).map(URI::create).toList(), http);
        this.reference = options.containsKey("reference-pid") ? ServerProcess.reference(
                Long.parseLong(option("reference-pid", null)), URI.create(option("reference-url", null)), http) : null;
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

    /** The pid of the cluster's redis-server, or 0 without one. */
    long redisPid() {
        return redisPid;
    }

    HttpClient http() {
        return http;
    }

    /** The servers each repeat measures, in this order: the reference relay (if any), then Duet. */
    private List<ServerProcess> targets() {
        return reference == null ? List.of(server) : List.of(reference, server);
    }

    private void run() throws Exception {
        String mode = option("mode", "closed");
        if (mode.equals("capacity")) {
            // --client jdk,node: each repeat runs every client against every target, in that order
            List<String> clients = List.of(option("client", "node").split(","));
            int repeat = number("repeat", 1);
            Map<String, List<CapacityRun.Result>> results = new LinkedHashMap<>();
            for (int i = 1; i <= repeat; i++) {
                for (String client : clients) {
                    for (ServerProcess target : targets()) {
                        System.out.println("capacity, run " + i + ", " + target.name() + ", " + client + " client:");
                        results.computeIfAbsent(target.name() + ", " + client + " client", k -> new ArrayList<>())
                                .add(new CapacityRun(this, target, client).run());
                        target.awaitQuiet();
                    }
                }
            }
            results.forEach((label, runs) -> System.out.println(CapacityRun.medians(label, runs)));
            for (String client : clients) {
                if (reference != null) {
                    System.out.println(client + " client: " + CapacityRun.ratios(server.name(),
                            results.get(server.name() + ", " + client + " client"),
                            results.get(reference.name() + ", " + client + " client")));
                }
            }
            return;
        }
        int repeat = number("repeat", 3);
        Map<ServerProcess, List<RelayRun.Result>> results = new HashMap<>();
        for (int i = 1; i <= repeat; i++) {
            for (ServerProcess target : targets()) {
                RelayRun.Result result = new RelayRun(this, target, mode.equals("closed"), "r" + i + "-" + System.nanoTime()).run();
                System.out.println("run " + i + ", " + target.name() + ": " + result);
                target.awaitQuiet();
                results.computeIfAbsent(target, t -> new ArrayList<>()).add(result);
            }
        }
        if (redisPid != 0) {
            System.out.printf("median of %d: Redis CPU %.1f µs/msg%n", repeat, median(results.get(server), r -> r.redisMicrosPerMessage()));
        }
        for (ServerProcess target : targets()) {
            List<RelayRun.Result> runs = results.get(target);
            System.out.printf("median of %d, %s: %.0f msg/s, server CPU %.1f µs/msg (%.1f in the kernel), p50 %.2f ms, p90 %.2f ms,"
                            + " p99 %.2f ms, max %.2f ms; lost %d, out of order %d%s%n", repeat, target.name(),
                    median(runs, r -> r.perSecond()), median(runs, r -> r.cpuMicrosPerMessage()),
                    median(runs, r -> r.systemMicrosPerMessage()),
                    median(runs, r -> r.millis()[0]), median(runs, r -> r.millis()[1]),
                    median(runs, r -> r.millis()[2]), median(runs, r -> r.millis()[3]),
                    runs.stream().mapToLong(RelayRun.Result::lost).sum(),
                    runs.stream().mapToLong(RelayRun.Result::outOfOrder).sum(),
                    runs.get(0).syscalls() == null ? "" : "; " + SyscallCount.PerMessage.median(runs.stream().map(RelayRun.Result::syscalls).toList()));
        }
        if (reference != null) {
            List<RelayRun.Result> duet = results.get(server);
            List<RelayRun.Result> ref = results.get(reference);
            ToDoubleFunction<ToDoubleFunction<RelayRun.Result>> ratio = f -> median(duet, f) / median(ref, f);
            System.out.printf("%s / reference relay, medians of this run: CPU per message %.2fx (user %.2fx, kernel %.2fx),"
                            + " msg/s %.2fx, p50 %.2fx, p99 %.2fx%s%n",
                    server.name(), ratio.applyAsDouble(r -> r.cpuMicrosPerMessage()),
                    ratio.applyAsDouble(r -> r.cpuMicrosPerMessage() - r.systemMicrosPerMessage()),
                    ratio.applyAsDouble(r -> r.systemMicrosPerMessage()), ratio.applyAsDouble(r -> r.perSecond()),
                    ratio.applyAsDouble(r -> r.millis()[0]), ratio.applyAsDouble(r -> r.millis()[2]),
                    duet.get(0).syscalls() == null ? "" : String.format(", system calls per message %.2fx",
                            ratio.applyAsDouble(r -> r.syscalls().total())));
        }
    }

    static double median(List<RelayRun.Result> results, ToDoubleFunction<RelayRun.Result> field) {
        return median(results.stream().mapToDouble(field));
    }

    static double median(DoubleStream stream) {
        double[] values = stream.sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
