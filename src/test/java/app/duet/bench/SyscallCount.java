package app.duet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The system calls a target makes over a measured window (bin/bench --syscalls): {@code perf stat}
 * (Debian's linux-perf) counts the kernel's syscall tracepoints of its processes from {@link #start}
 * to {@link #stop}, and the report gives them per relayed message, grouped as reads (of sockets,
 * and of the eventfd that wakes a selector), writes (likewise), selector waits and futex (a thread
 * parked or woken). A relay that reads and writes each frame on one thread needs one read and one
 * write a message at most; what it takes beyond that is its I/O threads waking each other, waiting
 * and reading again.
 */
final class SyscallCount {

    /** The groups reported, each the sum of these tracepoints. */
    private static final Map<String, List<String>> GROUPS = groups();

    private final Process perf;
    private final Path output;
    private final Path log;

    private SyscallCount(Process perf, Path output, Path log) {
        this.perf = perf;
        this.output = output;
        this.log = log;
    }

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("read", List.of("read", "readv", "recvfrom", "recvmsg"));
        groups.put("write", List.of("write", "writev", "sendto", "sendmsg"));
        groups.put("epoll", List.of("epoll_wait", "epoll_pwait", "epoll_ctl"));
        groups.put("futex", List.of("futex"));
        return groups;
    }

    /** Starts counting the calls of {@code pids}. */
    static SyscallCount start(List<Long> pids) throws IOException {
        Path output = Files.createTempFile("duet-syscalls", ".csv");
        Path log = Files.createTempFile("duet-syscalls", ".log");
        String events = "raw_syscalls:sys_enter," + GROUPS.values().stream().flatMap(List::stream)
                .map(call -> "syscalls:sys_enter_" + call).collect(Collectors.joining(","));
        Process perf = new ProcessBuilder("perf", "stat", "-x", ",", "-o", output.toString(), "-e", events,
                "-p", pids.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new SyscallCount(perf, output, log);
    }

    /** Calls per message: in all, and in each group of {@link #GROUPS} and the rest ("other"), in that order. */
    record PerMessage(double total, Map<String, Double> groups) {

        @Override
        public String toString() {
            StringBuilder line = new StringBuilder(String.format("system calls %.2f per message", total));
            groups.forEach((group, calls) -> line.append(String.format(", %s %.2f", group, calls)));
            return line.toString();
        }

        /** The median of each figure over {@code runs}. */
        static PerMessage median(List<PerMessage> runs) {
            Map<String, Double> groups = new LinkedHashMap<>();
            runs.get(0).groups().keySet().forEach(group ->
                    groups.put(group, SignalingBench.median(runs.stream().mapToDouble(r -> r.groups().get(group)))));
            return new PerMessage(SignalingBench.median(runs.stream().mapToDouble(PerMessage::total)), groups);
        }
    }

    /** Stops counting: perf writes its counts when interrupted. */
    void stop() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(perf.pid())).start().waitFor();
        perf.waitFor();
    }

    /** The calls counted between {@link #start} and {@link #stop}, per one of {@code messages}. */
    PerMessage perMessage(double messages) throws IOException {
        Map<String, Double> counts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(output)) {
            String[] fields = line.split(",");
            if (fields.length >= 3 && fields[0].matches("[0-9]+")) {
                counts.merge(fields[2].replace("syscalls:sys_enter_", ""), Double.parseDouble(fields[0]), Double::sum);
            }
        }
        if (!counts.containsKey("raw_syscalls:sys_enter")) {
            throw new IllegalStateException("perf stat counted no system calls: " + Files.readString(log).strip());
        }
        Files.delete(output);
        Files.delete(log);
        double total = counts.get("raw_syscalls:sys_enter");
        Map<String, Double> groups = new LinkedHashMap<>();
        double rest = total;
        for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
            double sum = group.getValue().stream().mapToDouble(call -> counts.getOrDefault(call, 0.0)).sum();
            rest -= sum;
            groups.put(group.getKey(), sum / messages);
        }
        groups.put("other", rest / messages);
        return new PerMessage(total / messages, groups);
    }
}
