package app.duet.signaling.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Joins whose check may wait on the network run on a container thread of their own ({@link Elsewhere}), not on the
 * thread that read the frame. Today that is a join token checked against a JWKS URL, whose keys are
 * fetched when first needed, when the cache runs out and for a new {@code kid}. The thread that
 * reads a socket may serve many others (WildFly with {@code single-node.cli} handles WebSocket
 * messages on Undertow's I/O threads), and a slow dependency must never stall signaling.
 * While the join runs, the socket's further frames wait in its {@link Backlog}; they are handled
 * in order right after it, on the same executor thread.
 */
@ApplicationScoped
public class SlowJoins {

    @Inject
    Elsewhere elsewhere;

    @Inject
    HeldMemory memory;

    private Executor executor;

    public SlowJoins() {
    }

    SlowJoins(Executor executor, HeldMemory memory) {
        this.executor = executor;
        this.memory = memory;
    }

    /** Keeps the frame in the client's backlog while a join of its runs elsewhere; OVER when none does. */
    static Backlog.Hold hold(Client client, String text) {
        Backlog backlog = client.backlog();
        return backlog == null ? Backlog.Hold.OVER : backlog.hold(text);
    }

    /**
     * Runs {@code join} for {@code client} on another thread, then hands each frame held meanwhile
     * to {@code handle}; {@code closedMeanwhile} runs last when the socket closed before that was done.
     */
    void start(Client client, Runnable join, Consumer<String> handle, Runnable closedMeanwhile) {
        Backlog backlog = new Backlog(memory);
        client.backlog(backlog);
        Runnable task = () -> {
            try {
                join.run();
            } finally {
                for (String text = backlog.next(); text != null; text = backlog.next()) {
                    handle.accept(text);
                }
                if (backlog.closedBeforeOver()) {
                    closedMeanwhile.run();
                }
            }
        };
        try {
            executor().execute(task);
        } catch (RuntimeException e) {
            task.run(); // the container refused the call (it is stopping): wait here rather than lose the join
        }
    }

    private Executor executor() {
        return executor != null ? executor : elsewhere::run;
    }
}
