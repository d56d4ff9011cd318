package app.duet.cluster.control;

import app.duet.platform.control.Settings;
import app.duet.signaling.control.RoomEngine;
import app.duet.signaling.control.RoomEngineOption;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** Offers signaling the rooms shared through Redis, chosen when {@code DUET_REDIS_URL} is set. */
@ApplicationScoped
public class SharedRoomsOption implements RoomEngineOption {

    @Inject
    Settings settings;

    /** Made only when chosen: making it connects to Redis. */
    @Inject
    Instance<SharedRooms> rooms;

    @Override
    public boolean chosen() {
        return settings.clustered();
    }

    @Override
    public RoomEngine engine() {
        return rooms.get();
    }
}
