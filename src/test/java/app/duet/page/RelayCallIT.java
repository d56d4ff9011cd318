package app.duet.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Browser;
import app.duet.testing.CallPage;
import app.duet.testing.Coturn;
import app.duet.testing.MicroServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A browser call forced through a real coturn: Duet hands out TURN REST API credentials (secret
 * mode, the secret in its settings) with iceTransportPolicy "relay", so the browsers may only use
 * relay candidates.
 */
class RelayCallIT {

    static final int TTL_SECONDS = 15;
    static Coturn coturn;
    static MicroServer server;

    @BeforeAll
    static void start() {
        Path dir = Path.of("target", "relay-call");
        coturn = new Coturn(dir.resolve("coturn")).start("use-auth-secret", "static-auth-secret=relay-secret", "realm=duet",
                "verbose");
        server = new MicroServer(dir.resolve("payara"), List.of("-Dduet.turn.urls=" + coturn.url(),
                "-Dduet.turn.secret=relay-secret", "-Dduet.ice.transport.policy=relay",
                "-Dduet.turn.ttl.seconds=" + TTL_SECONDS), Map.of()).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        coturn.close();
    }

    private static final String TURN_USERNAME = "duet.pc.getConfiguration().iceServers.find(s => s.username).username";

    @Test
    void aLongCallOutlivesItsTurnCredentialsTheIceRestartUsesFreshOnes() throws java.io.IOException {
        String room = "relay-" + UUID.randomUUID();
        try (Browser a = new Browser(); Browser b = new Browser()) {
            List<CallPage> call = CallPage.call(server.base(), room, a, b);
            CallPage alice = call.get(0);
            CallPage bob = call.get(1);
            String first = (String) a.js("return " + TURN_USERNAME + ";");
            long expiry = Long.parseLong(first.split(":")[0]) * 1000;
            a.await(TURN_USERNAME + " !== '" + first + "'", "fresh credentials fetched before expiry",
                    java.time.Duration.ofSeconds(TTL_SECONDS));
            CallPage.sleep(Math.max(0, expiry + 1500 - System.currentTimeMillis()));
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
    }

    @Test
    void aCallRelayedThroughTurnConnectsDecodesAndSaysSo() {
        String room = "relay-" + UUID.randomUUID();
        try (Browser a = new Browser(); Browser b = new Browser()) {
            List<CallPage> call = CallPage.call(server.base(), room, a, b);
            CallPage alice = call.get(0);
            CallPage bob = call.get(1);
            alice.awaitFramesGrowing();
            bob.awaitFramesGrowing();
            for (CallPage side : List.of(alice, bob)) {
                assertEquals("relay", side.browser.jsAsync("const done = arguments[0]; duet.pc.getStats().then(r => {"
                        + " let pair; r.forEach(s => { if (s.type === 'transport' && s.selectedCandidatePairId) pair = r.get(s.selectedCandidatePairId); });"
                        + " done(r.get(pair.localCandidateId).candidateType); });"), "the selected local candidate is a relay");
                side.browser.await("document.getElementById('path').dataset.path === 'relay'", "the page says relayed");
                assertEquals("relayed through TURN", side.browser.text("#path"));
            }
            a.screenshot("relayed-alice");
        }
    }
}
