package app.duet.signaling.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Picks the room engine once: an engine another component offers when its settings choose it
 * (the cluster's, when {@code DUET_REDIS_URL} is set), else rooms in memory. Produced
 * {@link Singleton}: the engine injected is the chosen bean itself (behind its own client proxy),
 * not a second proxy in front of it, which every relayed frame would pass through.
 */
@ApplicationScoped
public class Engines {

    @Produces
    @Singleton
    RoomEngine engine(Instance<Rooms> memory, Instance<RoomEngineOption> options) {
        for (RoomEngineOption option : options) {
            if (option.chosen()) {
                return option.engine();
            }
        }
        return memory.get();
    }
}
