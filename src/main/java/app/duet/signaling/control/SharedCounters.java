package app.duet.signaling.control;

import app.duet.platform.control.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The two objects every relayed frame updates, one each per application: the {@link HeldMemory}
 * budget and the {@link SignalingMetrics}. They are produced {@link Singleton} so that they are
 * injected as they are: a call through an application-scoped bean's client proxy looks the
 * instance up and pushes and pops the container's injection-point stack (Weld allocates for it on
 * every call), and a relayed frame makes several such calls. Neither depends on anything that
 * could change while the application runs.
 */
@ApplicationScoped
public class SharedCounters {

    @Produces
    @Singleton
    HeldMemory memory(Settings settings) {
        return new HeldMemory(settings.memoryBudgetBytes());
    }

    @Produces
    @Singleton
    SignalingMetrics metrics() {
        return new SignalingMetrics();
    }
}
