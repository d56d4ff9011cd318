package app.duet.access.entity;

/** Who may join a room: anyone with its link, or only a peer with a valid join token. */
public enum AccessMode {
    OPEN, TOKEN;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
