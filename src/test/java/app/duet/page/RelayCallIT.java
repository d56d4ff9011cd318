package app.duet.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Await;
import app.duet.testing.Browser;
import app.duet.testing.CallPage;
import app.duet.testing.Coturn;
import app.duet.testing.MicroServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A browser call forced through a real coturn: Duet hands out TURN REST API credentials (secret
 * mode, the secret in its settings) with iceTransportPolicy "relay", so the browsers may only use
 * relay candidates.
 */
class RelayCallIT {

    static final int TTL_SECONDS = 15;
    static final String[] COTURN = {"use-auth-secret", "static-auth-secret=relay-secret", "realm=duet", "verbose"};
    static Coturn coturn;

    @RegisterExtension
    static final BrowserPair BROWSERS = new BrowserPair();
    static MicroServer server;

    @BeforeAll
    static void start() {
        Path dir = Path.of("target", "relay-call");
        coturn = new Coturn(dir.resolve("coturn")).start(COTURN);
        server = new MicroServer(dir.resolve("payara"), List.of("-Dduet.turn.urls=" + coturn.url(),
                "-Dduet.turn.secret=relay-secret", "-Dduet.ice.transport.policy=relay",
                "-Dduet.turn.ttl.seconds=" + TTL_SECONDS), Map.of()).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        coturn.close();
    }

    private static List<CallPage> relayedCall() {
        return BROWSERS.call(server.base(), "relay-" + UUID.randomUUID());
    }

    private static final String TURN_USERNAME = "duet.pc.getConfiguration().iceServers.find(s => s.username).username";

    @Test
    void aLongCallOutlivesItsTurnCredentialsTheIceRestartUsesFreshOnes() throws java.io.IOException {
        List<CallPage> call = relayedCall();
        CallPage alice = call.get(0);
        CallPage bob = call.get(1);
        Browser a = alice.browser;
        String first = (String) a.js("return " + TURN_USERNAME + ";");
        long expiry = Long.parseLong(first.split(":")[0]) * 1000;
        a.await(TURN_USERNAME + " !== '" + first + "'", "fresh credentials fetched before expiry",
                Duration.ofSeconds(TTL_SECONDS));
        // asked for over the signaling socket ({"type":"ice-servers"}), not from api/ice-servers
        assertTrue(((Number) a.js("return duet.ice.requests;")).intValue() >= 1, "asked over signaling");
        assertEquals(0L, a.js("return performance.getEntriesByType('resource').filter(e => e.name.includes('api/ice-servers')).length;"));
        Await.pause(Math.max(0, expiry + 1500 - System.currentTimeMillis())); // the first credentials expire
        String ufrag = (String) a.js("return duet.pc.localDescription.sdp.match(/a=ice-ufrag:(\\S+)/)[1];");
        String current = (String) a.js("return " + TURN_USERNAME + ";");
        assertTrue(Long.parseLong(current.split(":")[0]) * 1000 > System.currentTimeMillis(), "the page holds valid ones");
        a.js("duet.negotiation.restart();");
        a.await("duet.pc.signalingState === 'stable' && duet.pc.localDescription.sdp.match(/a=ice-ufrag:(\\S+)/)[1] !== '"
                + ufrag + "'", "ICE restarted after the first credentials expired");
        alice.awaitConnected();
        bob.awaitConnected();
        alice.awaitFramesGrowing();
        bob.awaitFramesGrowing();
        a.await("document.getElementById('path').dataset.path === 'relay'", "still relayed");
        assertTrue(coturn.log().lines().anyMatch(line -> line.contains("user <" + current + ">")
                && line.contains("ALLOCATE processed, success")), "the restart allocated with the fresh credentials");
    }

    @Test
    void aCallRelayedThroughTurnConnectsDecodesAndSaysSo() {
        List<CallPage> call = relayedCall();
        for (CallPage side : call) {
            side.awaitFramesGrowing();
            assertEquals("relay", side.browser.jsAsync("const done = arguments[0]; duet.pc.getStats().then(r => {"
                    + " let pair; r.forEach(s => { if (s.type === 'transport' && s.selectedCandidatePairId) pair = r.get(s.selectedCandidatePairId); });"
                    + " done(r.get(pair.localCandidateId).candidateType); });"), "the selected local candidate is a relay");
            side.browser.await("document.getElementById('path').dataset.path === 'relay'", "the page says relayed");
            assertEquals("relayed through TURN", side.browser.text("#path"));
        }
        call.get(0).browser.screenshot("relayed-alice");
    }

    /**
     * The relay dies under a call (coturn stopped: the only path is gone) until a page has seen the
     * connection fail or stay disconnected for 3 s and restarted ICE by itself; coturn then comes
     * back on the same port with the same secret, and the page's own restarts bring the call back.
     */
    @Test
    void whenTheRelayDiesThePageRestartsIceByItselfAndTheCallComesBack() {
        // browsers of its own: the shared ones decoded no video in the next call after this one
        try (Browser a = new Browser(); Browser b = new Browser()) {
            List<CallPage> call = CallPage.call(server.base(), "relay-" + UUID.randomUUID(), a, b);
            relayDiesAndComesBack(call.get(0), call.get(1));
        }
    }

    private static void relayDiesAndComesBack(CallPage alice, CallPage bob) {
        List<CallPage> call = List.of(alice, bob);
        alice.awaitFramesGrowing();
        for (CallPage side : call) {
            side.browser.js("window.states = []; duet.negotiation.addEventListener('state', e => states.push(e.detail));");
        }
        coturn.close();
        try {
            Await.until("a page restarted ICE after the connection failed or stayed disconnected", Duration.ofSeconds(60),
                    () -> call.stream().anyMatch(side -> automaticRestarts(side) > 0));
        } finally {
            coturn.start(COTURN);
        }
        for (CallPage side : call) {
            side.browser.await("document.getElementById('call-state').dataset.state === 'connected'",
                    "connected again", Duration.ofSeconds(60));
        }
        alice.awaitFramesGrowing();
        bob.awaitFramesGrowing();
        for (CallPage side : call) {
            String seen = String.valueOf(side.browser.js("return states.join(' ');"));
            assertTrue(seen.contains("disconnected") || seen.contains("failed"), "the page saw the loss: " + seen);
            assertTrue(seen.endsWith(" connected"), "connected last: " + seen);
            assertEquals(0L, side.browser.js("return duet.negotiation.restarts.asked;"), "no restart but the page's own");
            side.browser.await("document.getElementById('path').dataset.path === 'relay'", "relayed again");
        }
        assertTrue(automaticRestarts(alice) + automaticRestarts(bob) > 0);
    }

    /** ICE restarts the page made because the connection failed or stayed disconnected. */
    private static long automaticRestarts(CallPage side) {
        return ((Number) side.browser.js("const r = duet.negotiation.restarts; return r.failed + r.disconnected;")).longValue();
    }
}
