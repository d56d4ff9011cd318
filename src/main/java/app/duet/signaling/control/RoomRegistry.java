package app.duet.signaling.control;

import app.duet.signaling.entity.SignalingException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The rooms with a slot on this node, each guarded by its own lock. A room is made by its first
 * join and taken out when its last slot here is freed; a room taken out is marked, so that a
 * joiner who found it just before makes a new one. Each engine keeps its rooms in one.
 */
public final class RoomRegistry {

    private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();

    public interface RoomAction {
        void run(Room room) throws SignalingException;
    }

    /** Runs {@code action} under the lock of the room, made if need be. */
    public void inRoom(String roomId, RoomAction action) throws SignalingException {
        while (true) {
            Room room = rooms.computeIfAbsent(roomId, Room::new);
            synchronized (room) {
                if (room.removed) {
                    continue;
                }
                try {
                    action.run(room);
                } finally {
                    removeIfEmpty(room);
                }
                return;
            }
        }
    }

    /** Runs {@code action} under the room's lock if the client still holds its slot. */
    public void withOwnSlot(Client client, BiConsumer<Room, Peer> action) {
        Client.Membership membership = client.membership();
        if (membership == null) {
            return;
        }
        Room room = membership.room();
        synchronized (room) {
            if (membership.peer().client() == client) {
                action.accept(room, membership.peer());
            }
            removeIfEmpty(room);
        }
    }

    /** Runs {@code action} on each live room, under its lock. */
    public void forEach(Consumer<Room> action) {
        for (Room room : rooms.values()) {
            synchronized (room) {
                if (!room.removed) {
                    action.accept(room);
                    removeIfEmpty(room);
                }
            }
        }
    }

    public Room get(String roomId) {
        return rooms.get(roomId);
    }

    /** Under the room's lock: takes it out once it has no slot left. */
    public void removeIfEmpty(Room room) {
        if (room.empty() && !room.removed) {
            room.removed = true;
            rooms.remove(room.id(), room);
        }
    }

    public int count() {
        return rooms.size();
    }

    /** Slots held (connected, or away within the resume grace); a racy sum, for metrics. */
    public int peerCount() {
        int peers = 0;
        for (Room room : rooms.values()) {
            peers += room.peers().size();
        }
        return peers;
    }
}
