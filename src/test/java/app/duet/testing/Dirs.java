package app.duet.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Test working directories under target/. */
public final class Dirs {

    private Dirs() {
    }

    /** Deletes {@code dir} and everything in it, if it exists; returns it. */
    public static Path clean(Path dir) {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return dir;
    }
}
