package app.duet.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server under load, seen from outside: its CPU time and RSS from /proc, its counters from
 * /metrics. In a cluster bench it is every node: CPU, RSS, heap and counters are summed. The
 * reference relay (bin/bench --reference) is one too, without /metrics or a Java heap: there
 * {@link #hasMetrics()} is false, the generator counts the messages and heap figures are NaN.
 */
final class ServerProcess {

    /** USER_HZ: the unit of utime/stime in /proc/<pid>/stat (100 on Linux x86_64). */
    private static final double TICKS_PER_SECOND = 100;

    private final String name;
    private final List<Long> pids;
    private final List<URI> bases;
    private final List<URI> metrics;
    private final HttpClient http;

    /** Duet on one node or several: {@code bases} are the application's root URLs. */
    ServerProcess(String name, List<Long> pids, List<URI> bases, HttpClient http) {
        this(name, pids, bases, bases.stream().map(b -> b.resolve("metrics")).toList(), http);
    }

    private ServerProcess(String name, List<Long> pids, List<URI> bases, List<URI> metrics, HttpClient http) {
        this.name = name;
        this.pids = pids;
        this.bases = bases;
        this.metrics = metrics;
        this.http = http;
    }

    /** The reference relay: a process that serves rooms at {@code base}/signal/ and nothing else. */
    static ServerProcess reference(long pid, URI base, HttpClient http) {
        return new ServerProcess("reference", List.of(pid), List.of(base), List.of(), http);
    }

    String name() {
        return name;
    }

    boolean hasMetrics() {
        return !metrics.isEmpty();
    }

    /** The room's socket URL on node {@code node} (of the base URLs, modulo their number). */
    URI room(String id, int node) {
        return URI.create(bases.get(node % bases.size()).toString().replaceFirst("^http", "ws") + "signal/" + id);
    }

    /** CPU seconds a process has used so far: in user space, and in the kernel on its behalf (system). */
    record CpuTimes(double user, double system) {

        double total() {
            return user + system;
        }

        CpuTimes plus(CpuTimes other) {
            return new CpuTimes(user + other.user, system + other.system);
        }

        CpuTimes minus(CpuTimes other) {
            return new CpuTimes(user - other.user, system - other.system);
        }
    }

    /** The processes' CPU times so far, summed. */
    CpuTimes cpuTimes() {
        return pids.stream().map(ServerProcess::cpuTimes).reduce(new CpuTimes(0, 0), CpuTimes::plus);
    }

    /** User + system CPU seconds the processes have used so far. */
    double cpuSeconds() {
        return cpuTimes().total();
    }

    /** User + system CPU seconds process {@code pid} has used so far. */
    static double cpuSeconds(long pid) {
        return cpuTimes(pid).total();
    }

    static CpuTimes cpuTimes(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ", field 3 (state) is index 0: utime is field 14, stime field 15
            return new CpuTimes(Long.parseLong(fields[11]) / TICKS_PER_SECOND, Long.parseLong(fields[12]) / TICKS_PER_SECOND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat", e);
        }
    }

    /** The processes' ids, for tools that attach to them (bin/bench --syscalls). */
    List<Long> pids() {
        return pids;
    }

    /**
     * Waits, at most 60 s, until the processes use under a fifth of a core. A server that fell
     * behind is still working off its backlog when a run ends (and answering the closed peers with
     * errors); the next run, on it or on the other target, must not pay for that.
     */
    void awaitQuiet() throws InterruptedException {
        long until = System.nanoTime() + 60_000_000_000L;
        double last = cpuSeconds();
        while (System.nanoTime() < until) {
            Thread.sleep(500);
            double now = cpuSeconds();
            if (now - last < 0.1) {
                return;
            }
            last = now;
        }
        System.out.println(name + " is still busy 60 s after the run");
    }

    /** Resident set size in bytes. */
    long rssBytes() {
        return pids.stream().mapToLong(ServerProcess::rssBytes).sum();
    }

    private static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new IllegalStateException("no VmRSS");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/status", e);
        }
    }

    /** Heap in use after a full GC (jcmd GC.run, then /metrics) in MiB; NaN without /metrics. */
    double heapAfterGcMiB() {
        if (!hasMetrics()) {
            return Double.NaN;
        }
        pids.forEach(app.duet.testing.ServerHeap::gc);
        return metric("jvm_memory_heap_used_bytes") / 1048576.0;
    }

    /** Messages the server says it relayed, all types. */
    double relayed() {
        return metric("duet_relayed_messages_total");
    }

    /** The sum of all samples of one metric family in /metrics (of every node); NaN without /metrics. */
    double metric(String name) {
        if (!hasMetrics()) {
            return Double.NaN;
        }
        double sum = 0;
        for (URI uri : metrics) {
            sum += metric(uri, name);
        }
        return sum;
    }

    private double metric(URI uri, String name) {
        try {
            String text = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(text);
            double sum = 0;
            while (m.find()) {
                sum += Double.parseDouble(m.group(2));
            }
            return sum;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
