package app.duet.signaling.control;

import jakarta.json.JsonObject;

/**
 * Where an admitted peer's ICE servers come from (the TURN component provides them): fresh TURN
 * credentials for each join, resume and {@code ice-servers} request, so that only peers in a room
 * get them. The object has {@code iceServers}, {@code iceTransportPolicy} and {@code expiresAt}
 * (epoch millis), as {@code GET api/ice-servers} answers. Must not wait on anything for long.
 */
public interface IceServersSource {

    JsonObject forPeer();
}
