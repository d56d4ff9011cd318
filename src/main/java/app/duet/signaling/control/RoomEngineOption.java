package app.duet.signaling.control;

/**
 * A room engine that another component offers in place of the in-memory {@link Rooms}: the
 * cluster's, which shares rooms through Redis. {@link Engines} takes the first one that is chosen.
 */
public interface RoomEngineOption {

    /** Whether the settings ask for this engine. */
    boolean chosen();

    /** The engine, asked for only when {@link #chosen}. */
    RoomEngine engine();
}
