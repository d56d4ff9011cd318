package app.duet.signaling.control;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The keys of one object so far, to refuse a key given twice. Objects in the protocol have a
 * handful of keys: those are compared in a small array, with no hash set per object (a set and
 * its table cost more than the rest of the frame's reading); past {@link #FEW} keys a hash set
 * takes over, so a frame with thousands of keys is still checked in linear time.
 */
final class ObjectKeys {
    static final int FEW = 8;
    /** What an array is on the stack of open values: it has no keys. */
    static final ObjectKeys ARRAY = new ObjectKeys();
    private final String[] few = new String[FEW];
    private int count;
    private Set<String> many;

    /** False when {@code key} is already there. */
    boolean add(String key) {
        if (many != null) {
            return many.add(key);
        }
        for (int i = 0; i < count; i++) {
            if (few[i].equals(key)) {
                return false;
            }
        }
        if (count < FEW) {
            few[count++] = key;
            return true;
        }
        many = new HashSet<>(Arrays.asList(few));
        return many.add(key);
    }
}
