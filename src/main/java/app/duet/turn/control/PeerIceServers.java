package app.duet.turn.control;

import app.duet.signaling.control.IceServersSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/** The ICE servers signaling hands to admitted peers in {@code joined} and {@code ice-servers}. */
@ApplicationScoped
public class PeerIceServers implements IceServersSource {

    @Inject
    IceServers iceServers;

    @Override
    public JsonObject forPeer() {
        return IceServers.json(iceServers.forPage());
    }
}
