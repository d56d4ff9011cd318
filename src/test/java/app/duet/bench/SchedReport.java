package app.duet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What ran on the CPUs when a relay run's tail was made (bin/bench --sched; README, Performance):
 * reads the samples of a system-wide `perf record -e cpu-clock -F 1000 -a -k CLOCK_MONOTONIC`
 * (`perf script -F comm,pid,tid,cpu,time`) and the runs' tail windows that {@link RelayRun} noted,
 * and prints for each run the threads sampled around its 10 fullest tail windows, each with its
 * share of the samples there and over the whole measured run. A thread whose share around the tail
 * is many times its share over the run is a suspect; one whose shares match only ran as usual.
 * (Samples, not `perf sched timehist`: in this VM the switch timeline counts a thread's idle naps as
 * its run time, 6.6 s "run" by a thread whose own CPU clock said 0.14 s.)
 *
 * <pre>java -cp target/test-classes app.duet.bench.SchedReport samples.txt tail-windows.txt</pre>
 */
final class SchedReport {

    /** Around a window of the tail: from a little before it (what delayed its messages may have begun then) to its tail latency. */
    private static final long BEFORE = 5_000_000;
    private static final long AFTER = 25_000_000;
    private static final int SHOWN = 8;

    /** "   default I/O-1 18234/18405 [001] 49876.040073:": thread name, pid (then tid and CPU), time (s). */
    private static final Pattern LINE = Pattern.compile("\\s*(.*?)\\s+(\\d+)/\\d+\\s+\\[\\d+]\\s+(\\d+\\.\\d+):.*");
    /** A pool's thread number ("default I/O-1", "GC Thread#0", "EJB default - 2"): one line for the pool. */
    private static final Pattern THREAD_NUMBER = Pattern.compile("(\\s*-\\s*|#)\\d+$");

    /** A thread (a pool of them counted as one) was on a CPU at {@code at}, ns. */
    record Sample(String who, long at) {
    }

    public static void main(String[] args) throws IOException {
        Locale.setDefault(Locale.ROOT);
        List<Sample> samples = new ArrayList<>();
        try (Stream<String> lines = Files.lines(Path.of(args[0]))) {
            lines.forEach(line -> {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    samples.add(new Sample(who(m), Math.round(Double.parseDouble(m.group(3)) * 1e9)));
                }
            });
        }
        Map<String, Integer> runs = new HashMap<>();
        for (String run : Files.readAllLines(Path.of(args[1]))) {
            String[] fields = run.split("\t");
            int n = runs.merge(fields[0], 1, Integer::sum);
            List<long[]> around = new ArrayList<>();
            for (int i = 3; i < fields.length; i++) {
                long from = Long.parseLong(fields[i].substring(0, fields[i].indexOf(':')));
                around.add(new long[] {from - BEFORE, from + AFTER});
            }
            System.out.println(report("run " + n + ", " + fields[0], samples,
                    new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2])}, around));
        }
    }

    private static String who(Matcher m) {
        String name = THREAD_NUMBER.matcher(m.group(1)).replaceFirst("");
        if (name.startsWith("swapper")) {
            return "idle";
        }
        // perf in bin/bench's PID namespace: a task outside it (a kernel thread, another process) has pid 0
        return name + (m.group(2).equals("0") ? " (outside)" : " (" + m.group(2) + ")");
    }

    /** A sample counts once around the tail however many of the (overlapping) spans hold it. */
    private static String report(String run, List<Sample> samples, long[] whole, List<long[]> around) {
        if (around.isEmpty()) {
            return run + ": no tail windows";
        }
        Map<String, Integer> near = new HashMap<>();
        Map<String, Integer> overall = new HashMap<>();
        for (Sample sample : samples) {
            if (within(sample, whole)) {
                overall.merge(sample.who(), 1, Integer::sum);
            }
            if (around.stream().anyMatch(span -> within(sample, span))) {
                near.merge(sample.who(), 1, Integer::sum);
            }
        }
        int nearAll = near.values().stream().mapToInt(Integer::intValue).sum();
        int overallAll = overall.values().stream().mapToInt(Integer::intValue).sum();
        if (nearAll == 0) {
            return run + ": no samples around its tail (does the recording cover this run?)";
        }
        StringBuilder text = new StringBuilder(String.format("%s: the threads sampled around its tail's %d fullest"
                + " windows (%d samples), by share there (share over the run, %d samples)", run, around.size(), nearAll, overallAll));
        near.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(SHOWN)
                .forEach(e -> text.append(String.format("%n  %-36s %5.1f%% (%4.1f%%)", e.getKey(),
                        100.0 * e.getValue() / nearAll, 100.0 * overall.getOrDefault(e.getKey(), 0) / overallAll)));
        return text.toString();
    }

    private static boolean within(Sample sample, long[] span) {
        return sample.at() >= span[0] && sample.at() < span[1];
    }
}
