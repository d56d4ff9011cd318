package app.duet.signaling.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader frames are sent with hides the thread context providers and nothing else of its parent. */
class SendClassLoaderTest {

    @Test
    void listsNoThreadContextProvidersButEverythingElseOfItsParent(@TempDir Path jar) throws Exception {
        write(jar.resolve(SendClassLoader.THREAD_CONTEXT_PROVIDERS), "com.example.Provider\n");
        write(jar.resolve("META-INF/services/com.example.Other"), "com.example.OtherImpl\n");
        try (URLClassLoader parent = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            assertEquals(1, Collections.list(parent.getResources(SendClassLoader.THREAD_CONTEXT_PROVIDERS)).size(), "the parent lists one");
            SendClassLoader loader = new SendClassLoader(parent);
            assertFalse(loader.getResources(SendClassLoader.THREAD_CONTEXT_PROVIDERS).hasMoreElements());
            assertEquals(Collections.list(parent.getResources("META-INF/services/com.example.Other")),
                    Collections.list(loader.getResources("META-INF/services/com.example.Other")));
            assertEquals(parent.getResource("META-INF/services/com.example.Other"), loader.getResource("META-INF/services/com.example.Other"));
            assertSame(SessionLink.class, loader.loadClass(SessionLink.class.getName()), "classes are the application's own");
        }
        assertSame(SendClassLoader.class.getClassLoader(), SendClassLoader.INSTANCE.getParent());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
