package app.duet.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The PostgreSQL server and all its children stopped with SIGSTOP; {@link #close} sends SIGCONT. */
final class Frozen implements AutoCloseable {

    private final long postmaster;

    private Frozen(long postmaster) {
        this.postmaster = postmaster;
    }

    static Frozen stop(long postmaster) {
        signal("-STOP", postmaster);
        return new Frozen(postmaster);
    }

    /** Whether the postmaster is still stopped (state T in /proc). */
    boolean stillStopped() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(postmaster), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
    }

    static void resumeAll(long postmaster) {
        signal("-CONT", postmaster);
    }

    @Override
    public void close() {
        resumeAll(postmaster);
    }

    /** Signals the postmaster, then its children (a backend that is just ending may be gone: no matter). */
    private static void signal(String signal, long postmaster) {
        if (kill(signal, postmaster) != 0) {
            throw new IllegalStateException("kill " + signal + " " + postmaster + " failed");
        }
        ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(child -> kill(signal, child.pid())));
    }

    private static int kill(String signal, long pid) {
        try {
            return new ProcessBuilder("kill", signal, String.valueOf(pid)).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
