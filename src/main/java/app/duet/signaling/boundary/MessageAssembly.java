package app.duet.signaling.boundary;

import app.duet.signaling.control.HeldMemory;
import java.util.ArrayList;
import java.util.List;

/**
 * One message arriving in parts on one socket. It keeps at most {@code limit} characters (a
 * message of more characters than the protocol's byte limit is too large whatever its encoding,
 * since UTF-8 takes at least one byte per character), each part reserved in the shared budget
 * before it is kept; past the limit the rest is dropped as it comes and only the verdict remains.
 */
final class MessageAssembly {

    private final HeldMemory memory;
    private final int limit;
    private final List<String> parts = new ArrayList<>();
    private long characters;
    private boolean tooLarge;

    MessageAssembly(HeldMemory memory, int limit) {
        this.memory = memory;
        this.limit = limit;
    }

    /** Keeps a part; false when the shared budget cannot hold it (nothing is then kept). */
    boolean add(String part) {
        if (tooLarge) {
            return true;
        }
        if (characters + part.length() > limit) {
            discard();
            tooLarge = true;
            return true;
        }
        if (!memory.reserve(HeldMemory.bytes(part))) {
            discard();
            return false;
        }
        parts.add(part);
        characters += part.length();
        return true;
    }

    /** The whole message, or null when it was too large; releases what it held. */
    String complete() {
        if (tooLarge) {
            return null;
        }
        String message = String.join("", parts);
        discard();
        return message;
    }

    void discard() {
        memory.release(2L * characters); // HeldMemory.bytes of every part kept
        parts.clear();
        characters = 0;
    }
}
