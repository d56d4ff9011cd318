package app.duet.signaling.boundary;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The thread context class loader Duet sends frames with: Duet's own class loader, except that it
 * lists no providers of Jakarta Concurrency's {@code ThreadContextProvider} (Duet has none).
 *
 * <p>Why: on Payara Micro 6 (Tyrus 2.1.5) every frame sent reschedules the session's idle-timeout
 * task on the default managed scheduled executor, and capturing the thread context of each task
 * runs {@code ServiceLoader.load(ThreadContextProvider.class, <thread context class loader>)}: a
 * look-up of that provider file in every jar the web application's loader and its parents see
 * (over 300 on Payara Micro, none of which has one). With this loader that look-up is an empty
 * answer, and a relayed frame costs the server a scan less. Classes and every other resource are
 * the application's, as before; the other servers never ask for it, so it changes nothing there.
 * Frames received go through the same rescheduling, with the loader the container sets around
 * its read callback: that half of the cost is out of Duet's hands.
 */
final class SendClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    /** The resource {@code ServiceLoader} looks up for Jakarta Concurrency's context providers. */
    static final String THREAD_CONTEXT_PROVIDERS = "META-INF/services/jakarta.enterprise.concurrent.spi.ThreadContextProvider";

    /** One for the application: its parent is the class loader of Duet's own classes. */
    static final SendClassLoader INSTANCE = new SendClassLoader(SendClassLoader.class.getClassLoader());

    SendClassLoader(ClassLoader parent) {
        super("duet-send", parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return THREAD_CONTEXT_PROVIDERS.equals(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }
}
