package app.duet.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Await;
import app.duet.testing.Browser;
import app.duet.testing.CallPage;
import app.duet.testing.DeployedDuet;
import app.duet.testing.JsonText;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two browsers in a call that survives crossing offers and a dropped signaling socket. */
class CallResilienceIT extends DeployedDuet {

    /** The resume grace the test containers run with (src/test/resources/arquillian.xml). */
    static final long GRACE_MILLIS = 3000;

    /**
     * Holds the first offer this page receives (and what follows it, in order) until the page has
     * made its own offer, for at most 5 s: two offers made within that window then cross for sure.
     */
    static final String HOLD_FIRST_OFFER = "const s = duet.signaling; const receive = s.receive.bind(s); let held = null;"
            + " let done = false; s.receive = (m) => { if (held) { held.push(m); return; }"
            + " if (m.type !== 'offer' || done) { receive(m); return; } done = true; held = [m]; const since = Date.now();"
            + " const release = () => { if (duet.pc.signalingState === 'have-local-offer' || Date.now() - since > 5000) {"
            + " const q = held; held = null; q.forEach(receive); } else { setTimeout(release, 5); } }; release(); };";

    @RegisterExtension
    static final BrowserPair BROWSERS = new BrowserPair();

    CallPage alice;
    CallPage bob;

    private void call() {
        List<CallPage> call = BROWSERS.call(base(), freshRoom());
        alice = call.get(0);
        bob = call.get(1);
    }

    @Test
    void glareBothSidesRenegotiateAtOnceTheOffersCrossAndTheCallSurvives() {
        call();
        String aliceUfrag = ufrag(alice);
        String bobUfrag = ufrag(bob);
        for (CallPage side : List.of(alice, bob)) {
            side.browser.js(HOLD_FIRST_OFFER);
        }
        // both restart ICE: two offers cross, perfect negotiation sorts it out
        for (CallPage side : List.of(alice, bob)) {
            side.browser.js("duet.negotiation.restart();");
        }
        alice.browser.await(restartedFrom(aliceUfrag), "alice restarted ICE", Duration.ofSeconds(20));
        bob.browser.await(restartedFrom(bobUfrag), "bob restarted ICE", Duration.ofSeconds(20));
        assertNotEquals(aliceUfrag, ufrag(alice));
        assertNotEquals(bobUfrag, ufrag(bob));
        // the offers did cross: each page got the other's offer while its own was out; the
        // impolite one (alice, first in the room) ignored it, the polite one rolled back
        for (CallPage side : List.of(alice, bob)) {
            assertTrue(((Number) side.browser.js("return duet.negotiation.collisions;")).intValue() >= 1,
                    "an offer collision on each side: " + side.diagnostics());
        }
        assertEquals(Boolean.FALSE, alice.browser.js("return duet.negotiation.polite;"));
        assertEquals(Boolean.TRUE, bob.browser.js("return duet.negotiation.polite;"));
        alice.awaitConnected();
        bob.awaitConnected();
        alice.awaitFramesGrowing();
        bob.awaitFramesGrowing();
        alice.chat("after glare");
        bob.browser.await("document.querySelectorAll('#chat-log li').length === 1", "chat still works");
    }

    @Test
    void aSignalingBlipResumesTheSameSlotWithoutPeerLeftAndMediaKeepsFlowing() {
        call();
        List<String> joined = alice.signals("joined");
        assertEquals(1, joined.size(), joined.toString());
        String aliceId = JsonText.object(joined.get(0)).getString("id");
        int bobHeardOfPeers = bob.signals("peer-joined").size();

        alice.browser.js("duet.signaling.socket.close();");
        Await.until("alice joined again after the blip", Browser.WAIT, () -> alice.signals("joined").size() > 1);
        alice.browser.await("duet.signaling.socket.readyState === 1", "alice's socket open");
        bob.awaitFramesGrowing();
        alice.awaitFramesGrowing();
        // the signaling path works again: a mute goes through it
        alice.browser.click("#mic-btn");
        bob.browser.await("!document.getElementById('peer-mic-off').hidden", "bob sees alice muted after the blip");
        // a freed slot would show only once the grace is over: let it pass
        Await.pause(GRACE_MILLIS + 1500);
        assertEquals(List.of(), alice.signals("error"), "no bad-resume: the slot was kept");
        for (String again : alice.signals("joined")) {
            assertEquals(aliceId, JsonText.object(again).getString("id"), "alice is the same peer after the blip: " + again);
        }
        assertEquals(List.of(), bob.signals("peer-left"), "bob was told nothing");
        assertEquals(bobHeardOfPeers, bob.signals("peer-joined").size(), "alice did not come back as a new peer");
        assertEquals("", bob.noticeCode());
        assertEquals("connected", bob.callState());
        assertEquals("connected", alice.callState());
    }

    private static String restartedFrom(String ufrag) {
        return "duet.pc.signalingState === 'stable' && duet.pc.localDescription.sdp.match(/a=ice-ufrag:(\\S+)/)[1] !== '"
                + ufrag + "'";
    }

    private static String ufrag(CallPage side) {
        return (String) side.browser.js("return duet.pc.localDescription.sdp.match(/a=ice-ufrag:(\\S+)/)[1];");
    }
}
