package app.duet.signaling.control;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;

/**
 * Runs a task on a container thread of its own (an asynchronous EJB call: in the web profile of
 * Jakarta EE 9.1, unlike the managed executors of Jakarta Concurrency, so it is there on all three
 * servers).
 */
@Stateless
public class Elsewhere {

    @Asynchronous
    public void run(Runnable task) {
        task.run();
    }
}
