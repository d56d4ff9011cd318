package app.duet.cluster.entity;

import java.util.ArrayList;
import java.util.List;

/**
 * What nodes tell each other over Redis pub/sub: a kind and a few text fields, each written as
 * {@code length:content}, so frames (which may hold any character) need no escaping.
 */
public record Envelope(Kind kind, List<String> fields) {

    /** On a peer's channel: F frame, J peer joined, L peer left, X handover fence, C room closed. On a node's: H hand over, R handed. */
    public enum Kind {
        FRAME('F'), JOINED('J'), LEFT('L'), FENCE('X'), CLOSED('C'), HAND_OVER('H'), HANDED('R');

        final char code;

        Kind(char code) {
            this.code = code;
        }

        static Kind of(char code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("Unknown envelope kind '" + code + "'");
        }
    }

    public static Envelope of(Kind kind, String... fields) {
        return new Envelope(kind, List.of(fields));
    }

    public String field(int index) {
        return fields.get(index);
    }

    public String encode() {
        int size = 1;
        for (String field : fields) {
            size += field.length() + 8;
        }
        StringBuilder text = new StringBuilder(size).append(kind.code);
        for (String field : fields) {
            text.append(field.length()).append(':').append(field);
        }
        return text.toString();
    }

    public static Envelope decode(String text) {
        Kind kind = Kind.of(text.charAt(0));
        List<String> fields = new ArrayList<>();
        int at = 1;
        while (at < text.length()) {
            int colon = text.indexOf(':', at);
            int length = Integer.parseInt(text, at, colon, 10);
            fields.add(text.substring(colon + 1, colon + 1 + length));
            at = colon + 1 + length;
        }
        return new Envelope(kind, fields);
    }
}
