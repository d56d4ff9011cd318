package app.duet.signaling.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * Picks the room engine once: an engine another component offers when its settings choose it
 * (the cluster's, when {@code DUET_REDIS_URL} is set), else rooms in memory.
 */
@ApplicationScoped
public class Engines {

    @Produces
    @ApplicationScoped
    RoomEngine engine(Instance<Rooms> memory, Instance<RoomEngineOption> options) {
        for (RoomEngineOption option : options) {
            if (option.chosen()) {
                return option.engine();
            }
        }
        return memory.get();
    }
}
