package app.duet.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    static Coturn coturn;
    static MicroServer server;

    @BeforeAll
    static void start() {
        Path dir = Path.of("target", "relay-call");
        coturn = new Coturn(dir.resolve("coturn")).start("use-auth-secret", "static-auth-secret=relay-secret", "realm=duet");
        server = new MicroServer(dir.resolve("payara"), List.of("-Dduet.turn.urls=" + coturn.url(),
                "-Dduet.turn.secret=relay-secret", "-Dduet.ice.transport.policy=relay"), Map.of()).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        coturn.close();
    }

    @Test
    void aCallRelayedThroughTurnConnectsDecodesAndSaysSo() {
        String room = "relay-" + UUID.randomUUID();
        try (Browser a = new Browser(); Browser b = new Browser()) {
            CallPage alice = new CallPage(a).join(server.base(), room, "Alice");
            CallPage bob = new CallPage(b).join(server.base(), room, "Bob");
            alice.awaitConnected();
            bob.awaitConnected();
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
