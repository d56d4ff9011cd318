package app.duet.signaling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.access.control.Access;
import app.duet.access.control.AccessSettings;
import app.duet.platform.control.Settings;
import app.duet.testing.JwksServer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A join whose token needs keys from a JWKS URL that does not answer yet: the thread that read
 * the frame is free at once (other sockets relay meanwhile), the socket's later frames wait and
 * are handled in order after its {@code joined}, and a socket closed meanwhile leaves no live slot.
 */
class SlowJoinsTest {

    private static final Duration PROMPT = Duration.ofSeconds(5);

    private final CountDownLatch fetching = new CountDownLatch(1);
    private final CountDownLatch answer = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private JwksServer jwks;
    private RSAKey key;
    private Rooms rooms;
    private HeldMemory memory;
    private Signaling signaling;

    @BeforeEach
    void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        jwks = JwksServer.start(0, key, () -> {
            fetching.countDown();
            try {
                answer.await(10, TimeUnit.SECONDS); // the key server hangs until the test lets it answer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Settings settings = Settings.of(Map.of());
        rooms = new Rooms(settings, e -> { });
        memory = HeldMemory.withBudget(1 << 20);
        // the library's own HTTP timeouts (500 ms) would end the hang early: the JWKS answers within them
        Access access = new Access(AccessSettings.of(Map.of("token.public.keys", jwks.url())));
        SlowJoins slow = new SlowJoins(task -> {
            Thread thread = new Thread(task, "slow-join");
            threads.add(thread);
            thread.start();
        }, memory);
        signaling = new Signaling(settings, rooms, new SignalingMetrics(), ClientLimitSettings.of(Map.of()), access, null, slow);
    }

    @AfterEach
    void stop() throws InterruptedException {
        answer.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        jwks.close();
    }

    @Test
    void aJoinWaitingForKeysHoldsUpNeitherItsThreadNorOtherRooms() throws Exception {
        FakeLink a = new FakeLink();
        Client alice = signaling.open(a, "r", null);
        assertTimeoutPreemptively(PROMPT, () -> signaling.receive(alice, join("r")), "the reading thread does not wait for the keys");
        assertTrue(fetching.await(5, TimeUnit.SECONDS), "the keys are being fetched");
        signaling.receive(alice, "{\"type\":\"ping\"}");

        FakeLink c = new FakeLink();
        FakeLink d = new FakeLink();
        Client carol = signaling.open(c, "other", null);
        Client dave = signaling.open(d, "other", null);
        signaling.receive(carol, "{\"type\":\"join\"}");
        signaling.receive(dave, "{\"type\":\"join\"}");
        signaling.receive(carol, "{\"type\":\"offer\",\"sdp\":\"v=0\"}");
        assertEquals("offer", d.last().getString("type"), "another room relays while the keys are awaited");
        assertEquals(List.of(), a.types(), "nothing is answered before the join is checked");

        answer.countDown();
        await(() -> a.types().size() == 2);
        assertEquals(List.of("joined", "pong"), a.types(), "the frame sent meanwhile is handled after the join");
        signaling.receive(alice, "{\"type\":\"ping\"}");
        assertEquals(List.of("joined", "pong", "pong"), a.types(), "then frames are handled where they are read again");
        assertEquals(0, memory.held());
    }

    @Test
    void framesBeyondTheBacklogAreRefusedAndTheRestKeptInOrder() throws Exception {
        FakeLink a = new FakeLink();
        Client alice = joinWaitingForKeys(a);
        for (int i = 0; i < Backlog.MAX_FRAMES + 1; i++) {
            signaling.receive(alice, "{\"type\":\"ping\"}");
        }
        assertEquals(List.of("error"), a.types(), "the frame past the backlog is refused at once");
        assertEquals("rate-limited", a.last().getString("code"));
        assertTrue(memory.held() > 0, "what is held counts against the shared budget");
        answer.countDown();
        await(() -> a.types().size() == 2 + Backlog.MAX_FRAMES);
        assertEquals("joined", a.types().get(1));
        assertEquals(Backlog.MAX_FRAMES, a.types().stream().filter("pong"::equals).count());
        assertEquals(0, memory.held());
    }

    @Test
    void aSocketClosedWhileItsJoinWaitsLeavesItsSlotToTheResumeGraceOnly() throws Exception {
        FakeLink a = new FakeLink();
        Client alice = joinWaitingForKeys(a);
        signaling.receive(alice, "{\"type\":\"ping\"}");
        signaling.closed(alice);
        answer.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertEquals(1, rooms.count(), "the join went through");
        assertEquals(0, memory.held(), "the frame held for the closed socket was let go");
        rooms.expire(System.nanoTime() + TimeUnit.HOURS.toNanos(1));
        assertEquals(0, rooms.count(), "the slot was dropped like any closed socket's, so its grace ran out");
    }

    /** Alice, whose join waits for the hung key server. */
    private Client joinWaitingForKeys(FakeLink link) throws Exception {
        Client alice = signaling.open(link, "r", null);
        signaling.receive(alice, join("r"));
        assertTrue(fetching.await(5, TimeUnit.SECONDS), "the keys are being fetched");
        return alice;
    }

    private String join(String room) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("room", room)
                .expirationTime(new Date(System.currentTimeMillis() + 60_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
        jwt.sign(new RSASSASigner(key));
        return "{\"type\":\"join\",\"token\":\"" + jwt.serialize() + "\"}";
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean(), "in time");
    }
}
