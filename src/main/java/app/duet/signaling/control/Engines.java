package app.duet.signaling.control;

import app.duet.platform.control.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** Picks the room engine once: in memory, or shared through Redis when {@code DUET_REDIS_URL} is set. */
@ApplicationScoped
public class Engines {

    @Produces
    @ApplicationScoped
    RoomEngine engine(Settings settings, Instance<Rooms> memory, Instance<ClusterRooms> cluster) {
        return settings.clustered() ? cluster.get() : memory.get();
    }
}
