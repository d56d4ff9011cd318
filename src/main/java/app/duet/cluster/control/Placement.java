package app.duet.cluster.control;

import app.duet.signaling.control.Room;
import java.util.ArrayList;
import java.util.List;

/**
 * A peer whose slot this node holds: its room, and its part in a move between nodes. Changed
 * under the room's lock.
 */
final class Placement {

    final Room room;
    /**
     * Moving in: frames from Redis before the old node's fence (the old node's to hand over), kept
     * in case it never answers; null when the slot is not moving in.
     */
    List<String> early;
    /** Moving in: the old node's fence has not come by yet. */
    boolean awaitingFence;
    /** Moving out: the node the slot is handed over to, and since when (nanoTime); else null. */
    String handingTo;
    long handingSince;

    Placement(Room room) {
        this.room = room;
    }

    /** The slot arrives from another node: frames before the old node's fence are kept apart. */
    void movingIn() {
        early = new ArrayList<>();
        awaitingFence = true;
    }

    /** The frames that came before the fence, to deliver when the old node never answered. */
    List<String> arrived(boolean answered) {
        List<String> first = answered || early == null ? List.of() : early;
        early = null;
        awaitingFence = false;
        return first;
    }
}
