package app.duet.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedClassLoader;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a relay bench's server CPU goes, by part, from the JFR recording of {@code bin/bench --jfr}:
 * {@code java -cp target/test-classes app.duet.bench.JfrParts FILE [SKIP_SECONDS]}.
 *
 * <p>Only the load counts: from the first execution sample in Duet's relay path ({@code
 * Rooms.relay}), plus {@code SKIP_SECONDS} of warm-up (default 5), to the last. The process's CPU
 * in that window ({@code jdk.CPULoad}) is split into kernel time (socket I/O, lock waits,
 * scheduling), garbage collection ({@code jdk.GCCPUTime}, pauses only) and the rest, which is
 * split like the execution samples (Java code running, on any thread). Each sample goes to the
 * first part it matches: the managed executor's context capture (Payara: Tyrus reschedules an
 * idle-timeout task per frame), JSON-P called by Duet, Duet's own code (the innermost non-JDK frame
 * is Duet's, so the JDK code it calls counts as Duet's), the container's WebSocket frame reading
 * and writing, the rest. JIT compilation is not sampled and falls in with the samples' parts.
 */
public final class JfrParts {

    private static final String[] CONTAINER = {"org.glassfish.tyrus.", "org.glassfish.grizzly.", "org.apache.catalina.",
        "org.apache.coyote.", "org.apache.tomcat.", "io.undertow.", "org.xnio.", "org.jboss.", "org.wildfly.", "org.glassfish.",
        "com.sun.enterprise.", "fish.payara.", "org.apache.openejb.", "org.apache.tomee."};
    private static final String[] JSON = {"org.eclipse.parsson.", "org.glassfish.json.", "org.apache.johnzon.", "jakarta.json."};

    /**
     * Context capture with no Duet frame on the stack: the container's own, e.g. Tyrus rescheduling
     * the idle timeout for a frame received before it calls Duet's endpoint, or for a pong.
     */
    private static final String NO_DUET = "… of which with no Duet frame on the stack (the container's own)";

    private JfrParts() {
    }

    public static void main(String[] args) throws Exception {
        List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0]));
        Duration skip = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 5);
        Instant first = null;
        Instant last = null;
        for (RecordedEvent event : events) {
            if (isSample(event) && contains(event.getStackTrace().getFrames(), "app.duet.signaling.control.Rooms.relay")) {
                first = first == null || event.getStartTime().isBefore(first) ? event.getStartTime() : first;
                last = last == null || event.getStartTime().isAfter(last) ? event.getStartTime() : last;
            }
        }
        if (first == null) {
            System.out.println("no relay in the recording");
            return;
        }
        Instant from = first.plus(skip);
        Map<String, Integer> parts = new LinkedHashMap<>();
        for (String part : List.of("context capture (managed executor)", "… of which the ServiceLoader scan", NO_DUET,
                "JSON-P called by Duet", "Duet's code", "container frame I/O (WebSocket, HTTP, NIO)", "other")) {
            parts.put(part, 0);
        }
        int samples = 0;
        double gcSeconds = 0;
        double userSeconds = 0;
        double systemSeconds = 0;
        int cores = Runtime.getRuntime().availableProcessors();
        Instant previousLoad = null;
        for (RecordedEvent event : events) {
            Instant at = event.getStartTime();
            String name = event.getEventType().getName();
            if (name.equals("jdk.CPUInformation")) {
                cores = event.getInt("hwThreads");
            }
            if (name.equals("jdk.CPULoad")) {
                // each jdk.CPULoad covers the time since the previous one, as a share of all cores
                if (previousLoad != null && !at.isBefore(from) && !at.isAfter(last)) {
                    double interval = Duration.between(previousLoad, at).toNanos() / 1e9;
                    userSeconds += event.getFloat("jvmUser") * interval;
                    systemSeconds += event.getFloat("jvmSystem") * interval;
                }
                previousLoad = at;
            }
            if (at.isBefore(from) || at.isAfter(last)) {
                continue;
            }
            if (name.equals("jdk.GCCPUTime")) {
                gcSeconds += (event.getLong("userTime") + event.getLong("systemTime")) / 1e9;
            } else if (isSample(event)) {
                samples++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (contains(frames, "org.glassfish.enterprise.concurrent.") || contains(frames, "org.glassfish.concurrent.runtime.")) {
                    parts.merge("context capture (managed executor)", 1, Integer::sum);
                    if (contains(frames, "java.util.ServiceLoader")) {
                        parts.merge("… of which the ServiceLoader scan", 1, Integer::sum);
                    }
                    if (!contains(frames, "app.duet.")) {
                        parts.merge(NO_DUET, 1, Integer::sum);
                    }
                } else {
                    parts.merge(part(frames), 1, Integer::sum);
                }
            }
        }
        userSeconds *= cores;
        systemSeconds *= cores;
        double total = userSeconds + systemSeconds;
        double sampled = Math.max(0, total - systemSeconds - gcSeconds);
        System.out.printf("%.1f s of load after %d s of warm-up: the server used %.1f s of CPU (%d cores)%n",
                Duration.between(from, last).toMillis() / 1000.0, skip.toSeconds(), total, cores);
        System.out.printf("  %5.1f%%  kernel (system time: socket I/O, lock waits, scheduling)%n", 100 * systemSeconds / total);
        System.out.printf("  %5.1f%%  garbage collection (pauses)%n", 100 * gcSeconds / total);
        System.out.printf("  %5.1f%%  the rest, split as the %d execution samples are:%n", 100 * sampled / total, samples);
        for (Map.Entry<String, Integer> part : parts.entrySet()) {
            double share = (double) part.getValue() / samples;
            System.out.printf("  %5.1f%%    %s (%.1f%% of the samples)%n", 100 * share * sampled / total, part.getKey(), 100 * share);
        }
    }

    /** The part of a sample that is not the executor's: by its innermost frame outside the JDK. */
    private static String part(List<RecordedFrame> frames) {
        for (int i = 0; i < frames.size(); i++) {
            String type = frames.get(i).getMethod().getType().getName();
            if (startsWith(type, JSON)) {
                return contains(frames, "app.duet.") ? "JSON-P called by Duet" : "other";
            }
            if (type.startsWith("app.duet.")) {
                return "Duet's code";
            }
            if (startsWith(type, CONTAINER)) {
                return "container frame I/O (WebSocket, HTTP, NIO)";
            }
            if (!jdk(frames.get(i))) {
                return "other";
            }
        }
        return "other";
    }

    private static boolean jdk(RecordedFrame frame) {
        RecordedClassLoader loader = frame.getMethod().getType().getClassLoader();
        return loader == null || loader.getName() == null || loader.getName().equals("bootstrap") || loader.getName().equals("platform");
    }

    private static boolean isSample(RecordedEvent event) {
        return event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null;
    }

    private static boolean contains(List<RecordedFrame> frames, String prefix) {
        for (RecordedFrame frame : frames) {
            if ((frame.getMethod().getType().getName() + "." + frame.getMethod().getName()).startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(String type, String[] prefixes) {
        for (String prefix : prefixes) {
            if (type.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
