package app.duet.platform.entity;

import java.util.regex.Pattern;

/** What a room id is, wherever one comes in (the socket's path, an invite, a short link): 1 to 64 of {@code A-Za-z0-9_-}. */
public final class RoomId {

    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private RoomId() {
    }

    public static boolean valid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
