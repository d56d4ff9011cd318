package app.duet.signaling.control;

import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.EndReason;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The call of each room and the events that tell the rest of the application about it. Called
 * under the room's lock, so a room's events go out in order.
 */
final class CallTracker {

    private final Consumer<CallEvent> events;

    CallTracker(Consumer<CallEvent> events) {
        this.events = events;
    }

    /** The second peer joined: a call begins. */
    void started(Room room, Peer first, Peer second) {
        room.call = new Room.ActiveCall(UUID.randomUUID().toString(), first);
        events.accept(new CallEvent.Started(room.call.id(), room.id, System.currentTimeMillis(),
                first.info.name(), second.info.name()));
    }

    /** One side left for good (or the room was closed): the call, if any, ends. */
    void ended(Room room, EndReason reason) {
        if (room.call != null) {
            events.accept(new CallEvent.Ended(room.call.id(), System.currentTimeMillis(), reason));
            room.call = null;
        }
    }

    void pathReported(Room room, Peer peer, String path) {
        if (room.call != null) {
            events.accept(new CallEvent.PathReported(room.call.id(), room.call.first() == peer, path));
        }
    }
}
