package app.duet.cluster.entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A room slot as Redis keeps it: the node holding the peer, its role, whether its socket is away,
 * the SHA-256 of its resume token (never the token) and its display name (null when none).
 * Stored as {@code node|polite|away|tokenHash|name}.
 */
public record Seat(String peer, String node, boolean polite, boolean away, String tokenHash, String name) {

    public String value() {
        return node + '|' + (polite ? '1' : '0') + '|' + (away ? '1' : '0') + '|' + tokenHash + '|' + (name == null ? "" : name);
    }

    /** SHA-256 of a resume token, in hex: what Redis keeps, so that reading Redis gives no token. */
    public static String tokenHash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Seat parse(String peer, String value) {
        String[] parts = value.split("\\|", 5);
        return new Seat(peer, parts[0], "1".equals(parts[1]), "1".equals(parts[2]), parts[3], parts[4].isEmpty() ? null : parts[4]);
    }
}
