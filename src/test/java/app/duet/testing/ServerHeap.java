package app.duet.testing;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The heap a test server holds after a full GC: {@code jcmd <pid> GC.run}, then its /metrics. */
public final class ServerHeap {

    private ServerHeap() {
    }

    /** The server JVM this test JVM started (Arquillian's managed Payara Micro or WildFly), if any. */
    public static Optional<Long> startedServer() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().orElse("").endsWith("java"))
                .filter(p -> p.info().commandLine().orElse("").matches(".*(payara-micro|jboss-modules).*"))
                .map(ProcessHandle::pid).findFirst();
    }

    public static void gc(long pid) {
        try {
            int exit = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("jcmd " + pid + " GC.run exited with " + exit);
            }
        } catch (IOException e) {
            throw new IllegalStateException("jcmd failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Bytes of heap in use after a full GC of {@code pid}, as the app's /metrics reports them. */
    public static long afterGc(long pid, Http app) {
        gc(pid);
        Matcher m = Pattern.compile("(?m)^jvm_memory_heap_used_bytes (\\S+)$").matcher(app.get("metrics").body());
        if (!m.find()) {
            throw new AssertionError("no jvm_memory_heap_used_bytes in /metrics");
        }
        return (long) Double.parseDouble(m.group(1));
    }
}
