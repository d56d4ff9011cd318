package app.duet.signaling.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.signaling.control.HeldMemory;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link SessionLink}'s back-pressure: frames queue behind the one being written, and a receiver
 * that lets 4,096 frames or 1 Mi characters pile up (or whose write fails, or whose waiting
 * frames would pass the shared memory budget) is closed with 4003 and counted once; what waits is
 * held against the budget until it is written or dropped.
 */
class SessionLinkTest {

    /** Where a ping went out among the frames written. */
    static final String PING = "(ping)";

    /** A session whose writes complete only when the test says (a receiver that reads, or not). */
    static final class FakeSession {
        final List<String> written = new ArrayList<>();
        final List<ClassLoader> contextLoaders = new ArrayList<>();
        final List<SendHandler> pending = new ArrayList<>();
        final Map<String, Object> properties = new HashMap<>();
        boolean open = true;
        boolean completeAtOnce;
        int pings;

        final RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "sendText" -> {
                            written.add((String) args[0]);
                            contextLoaders.add(Thread.currentThread().getContextClassLoader());
                            SendHandler handler = (SendHandler) args[1];
                            if (completeAtOnce) {
                                handler.onResult(new SendResult());
                            } else {
                                pending.add(handler);
                            }
                        }
                        case "sendPing" -> {
                            pings++;
                            written.add(PING);
                        }
                        default -> {
                        }
                    }
                    return null;
                });

        final Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Session.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAsyncRemote" -> remote;
                    case "getUserProperties" -> properties;
                    case "isOpen" -> open;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });

        /** The receiver read the frame being written. */
        void completeOne(SendResult result) {
            pending.remove(0).onResult(result);
        }
    }

    /** Records closes instead of running them on a container thread. */
    static final class RecordingCloser extends SocketCloser {
        final List<CloseReason> closes = new ArrayList<>();

        @Override
        public void close(Session session, CloseReason reason) {
            closes.add(reason);
        }

        Integer lastCode() {
            return closes.isEmpty() ? null : closes.get(closes.size() - 1).getCloseCode().getCode();
        }
    }

    final FakeSession fake = new FakeSession();
    final RecordingCloser closer = new RecordingCloser();
    int slowDrops;
    final HeldMemory memory = HeldMemory.withBudget(64L << 20);
    final SessionLink link = new SessionLink(fake.session, closer, memory, () -> slowDrops++);

    @Test
    void framesWaitBehindTheOneBeingWrittenAndGoOutInOrder() {
        link.send("a");
        link.send("b");
        link.send("c");
        assertEquals(List.of("a"), fake.written, "one write at a time");
        fake.completeOne(new SendResult());
        assertEquals(List.of("a", "b"), fake.written);
        fake.completeOne(new SendResult());
        fake.completeOne(new SendResult());
        assertEquals(List.of("a", "b", "c"), fake.written);
        assertTrue(closer.closes.isEmpty());
    }

    @Test
    void aReceiverThatReadsIsNeverDroppedWhateverTheVolume() {
        fake.completeAtOnce = true;
        String big = "x".repeat(64 * 1024);
        for (int i = 0; i < 10_000; i++) {
            link.send(big);
        }
        assertEquals(10_000, fake.written.size());
        assertTrue(closer.closes.isEmpty());
        assertEquals(0, slowDrops);
    }

    @Test
    void moreThan4096WaitingFramesCloseTheSocketWith4003AndCountOnce() {
        link.send("in flight");
        for (int i = 0; i < SessionLink.MAX_QUEUED; i++) {
            link.send("f" + i);
        }
        assertTrue(closer.closes.isEmpty(), "4,096 waiting frames are still allowed");
        link.send("one too many");
        assertEquals(4003, closer.lastCode());
        assertEquals(1, slowDrops);

        link.send("after the drop");
        fake.completeOne(new SendResult());
        assertEquals(List.of("in flight"), fake.written, "what waited is discarded, nothing more is written");
        assertEquals(1, closer.closes.size());
        assertEquals(1, slowDrops, "counted once");
    }

    /** One frame being written, and 1 Mi characters waiting behind it: exactly the limit. */
    private void fillToTheCharacterLimit() {
        link.send("in flight");
        for (int i = 0; i < 4; i++) {
            link.send(QUARTER_MEBI);
        }
    }

    static final String QUARTER_MEBI = "x".repeat(256 * 1024);

    @Test
    void moreThan1MiWaitingCharactersCloseTheSocketWith4003() {
        fillToTheCharacterLimit();
        assertTrue(closer.closes.isEmpty(), "exactly 1 Mi characters waiting are still allowed");
        link.send("x");
        assertEquals(4003, closer.lastCode());
        assertEquals(1, slowDrops);
    }

    @Test
    void charactersCountOnlyWhileWaiting() {
        fillToTheCharacterLimit();
        fake.completeOne(new SendResult()); // "in flight" written: the first quarter goes out of the queue
        link.send(QUARTER_MEBI);
        assertTrue(closer.closes.isEmpty(), "written frames no longer count");
        assertEquals(0, slowDrops);
    }

    @Test
    void whatWaitsIsHeldAgainstTheBudgetUntilItGoesOutOrIsDropped() {
        link.send("abc");
        assertEquals(0, memory.held(), "a frame that goes out at once holds nothing");
        link.send("de");
        link.send("f");
        assertEquals(HeldMemory.bytes(3), memory.held(), "the frames waiting behind the one in flight");
        fake.completeOne(new SendResult());
        assertEquals(HeldMemory.bytes(1), memory.held(), "de went out");
        fake.completeOne(new SendResult());
        assertEquals(0, memory.held());
        fake.completeOne(new SendResult());

        link.send("in flight");
        link.send("waiting");
        fake.completeOne(new SendResult(new IOException("reset")));
        assertEquals(0, memory.held(), "a dropped receiver holds nothing");
    }

    @Test
    void aBacklogThatWouldPassTheSharedBudgetDropsTheReceiver() {
        HeldMemory spent = HeldMemory.withBudget(HeldMemory.bytes(100));
        spent.reserve(HeldMemory.bytes(100)); // all held by other sockets
        SessionLink tight = new SessionLink(fake.session, closer, spent, () -> slowDrops++);
        String half = "x".repeat((int) SessionLink.ALWAYS_QUEUED_CHARS / 2);
        tight.send("in flight");
        tight.send(half);
        tight.send(half);
        assertTrue(closer.closes.isEmpty(), "one frame's worth of backlog is kept whatever the budget");
        tight.send("x");
        assertEquals(4003, closer.lastCode());
        assertEquals(1, slowDrops);
        fake.completeOne(new SendResult());
        assertEquals(HeldMemory.bytes(100), spent.held(), "only the other sockets' share is left");
    }

    @Test
    void aFailedWriteClosesTheSocketWith4003() {
        link.send("a");
        link.send("b");
        fake.completeOne(new SendResult(new IOException("buffer full")));
        assertEquals(4003, closer.lastCode());
        assertEquals(1, slowDrops);
        assertEquals(List.of("a"), fake.written, "b is discarded");
    }

    @Test
    void aPingWhileAFrameIsWrittenGoesOutRightAfterItSoABusyReceiverIsStillAsked() {
        link.send("a");
        link.send("b");
        link.ping();
        link.ping();
        assertEquals(List.of("a"), fake.written, "the ping waits for the frame being written");
        fake.completeOne(new SendResult());
        assertEquals(List.of("a", PING, "b"), fake.written, "then goes out before the next, once");
        fake.completeOne(new SendResult());
        link.ping();
        assertEquals(List.of("a", PING, "b", PING), fake.written, "with nothing being written, at once");
    }

    @Test
    void aCloseWaitsForTheFrameBeingWrittenAndNoPingJumpsTheQueue() {
        link.send("last words");
        link.ping();
        assertEquals(0, fake.pings, "a ping would only wait behind the frame");
        link.close(4001, "replaced");
        assertNull(closer.lastCode());
        fake.completeOne(new SendResult());
        assertEquals(4001, closer.lastCode());
        assertEquals(0, slowDrops, "a close asked for is no slow receiver");
    }

    @Test
    void framesAreWrittenWithTheSendClassLoaderAndTheThreadKeepsItsOwn() {
        ClassLoader own = new ClassLoader(getClass().getClassLoader()) {
        };
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(own);
        try {
            fake.completeAtOnce = true;
            link.send("a");
            fake.completeAtOnce = false;
            link.send("b");
            link.send("c");
            assertSame(own, thread.getContextClassLoader());
            fake.completeOne(new SendResult()); // "c" is written from the completion of "b"
            assertSame(own, thread.getContextClassLoader());
        } finally {
            thread.setContextClassLoader(before);
        }
        assertEquals(List.of("a", "b", "c"), fake.written);
        assertEquals(List.of(SendClassLoader.INSTANCE, SendClassLoader.INSTANCE, SendClassLoader.INSTANCE), fake.contextLoaders);
    }
}
