package app.duet.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Browser;
import app.duet.testing.CallPage;
import app.duet.testing.Deployments;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two real Chromium browsers with fake camera and microphone in a call through the WAR. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CallPageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.duet();
    }

    @ArquillianResource
    URL deployed;

    CallPage alice;
    CallPage bob;
    String room;

    @BeforeEach
    void twoBrowsers() {
        alice = new CallPage(new Browser());
        bob = new CallPage(new Browser());
        room = "page-" + UUID.randomUUID();
    }

    @AfterEach
    void closeBrowsers() {
        alice.browser.close();
        bob.browser.close();
    }

    private URI base() {
        return Deployments.base(deployed);
    }

    private void call() {
        alice.join(base(), room, "Alice");
        bob.join(base(), room, "Bob");
        alice.awaitConnected();
        bob.awaitConnected();
    }

    @Test
    void bothSidesConnectDecodeVideoAndShowThePath() {
        call();
        alice.browser.await("document.getElementById('remote-video').videoWidth > 0", "alice sees bob's video");
        bob.browser.await("document.getElementById('remote-video').videoWidth > 0", "bob sees alice's video");
        alice.awaitFramesGrowing();
        bob.awaitFramesGrowing();
        for (CallPage side : List.of(alice, bob)) {
            side.browser.await("document.getElementById('path').dataset.path === 'host'", "path shown as direct host");
            assertEquals("direct (host)", side.browser.text("#path"));
            side.browser.await("document.getElementById('rtt').textContent.startsWith('RTT')", "round-trip time shown");
        }
        assertEquals("Bob", alice.browser.text("#peer-name"));
        assertEquals("Alice", bob.browser.text("#peer-name"));
        alice.browser.screenshot("call-alice");
        bob.browser.screenshot("call-bob");
    }

    @Test
    void chatGoesBothWaysAndMuteAndCameraOffReachTheOtherSide() {
        call();
        alice.chat("hello bob");
        bob.browser.await("document.querySelectorAll('#chat-log li').length === 1", "bob got the message");
        bob.chat("hi alice");
        alice.browser.await("document.querySelectorAll('#chat-log li').length === 2", "alice got the answer");
        assertEquals(List.of("mine:hello bob", "theirs:hi alice"), alice.chatLog());
        assertEquals(List.of("theirs:hello bob", "mine:hi alice"), bob.chatLog());

        assertTrue(!bob.browser.visible("#peer-mic-off") && !bob.browser.visible("#peer-cam-off"));
        alice.browser.click("#mic-btn");
        bob.browser.await("!document.getElementById('peer-mic-off').hidden", "bob sees alice muted");
        assertEquals("true", alice.browser.find("#mic-btn").getAttribute("aria-pressed"));
        assertEquals(Boolean.FALSE, alice.browser.js("return duet.media.track('audio').enabled;"));
        alice.browser.click("#cam-btn");
        bob.browser.await("!document.getElementById('peer-cam-off').hidden", "bob sees alice's camera off");
        alice.browser.click("#mic-btn");
        alice.browser.click("#cam-btn");
        bob.browser.await("document.getElementById('peer-mic-off').hidden && document.getElementById('peer-cam-off').hidden",
                "bob sees alice back");
    }

    @Test
    void screenShareSwitchesTheOutgoingTrackAndBack() {
        call();
        String camera = (String) alice.browser.js("return duet.media.videoSender(duet.pc).track.id;");
        bob.browser.await("document.getElementById('remote-video').videoWidth === 640", "camera video arrives");
        alice.browser.click("#screen-btn");
        alice.browser.await("duet.media.videoSender(duet.pc).track.getSettings().displaySurface === 'monitor'",
                "alice sends her screen");
        bob.browser.await("!document.getElementById('peer-screen').hidden", "bob is told alice shares her screen");
        bob.browser.await("document.getElementById('remote-video').videoWidth === 800", "bob sees the 800x600 screen");
        alice.browser.click("#screen-btn");
        alice.browser.await("duet.media.videoSender(duet.pc).track.id === '" + camera + "'", "alice sends her camera again");
        bob.browser.await("document.getElementById('remote-video').videoWidth === 640", "bob sees the camera again");
        bob.browser.await("document.getElementById('peer-screen').hidden", "sharing flag gone");
        bob.awaitFramesGrowing();
    }

    @Test
    void switchingMicrophoneAndCameraMidCallReplacesTracksWithoutRenegotiation() {
        call();
        String sdp = (String) alice.browser.js("return duet.pc.localDescription.sdp;");
        for (String kind : List.of("audio", "video")) {
            String select = kind.equals("audio") ? "call-mic-select" : "call-camera-select";
            String before = (String) alice.browser.js("return duet.media.track('" + kind + "').label;");
            alice.browser.js("const s = document.getElementById('" + select + "');"
                    + "s.selectedIndex = 1 - s.selectedIndex; s.dispatchEvent(new Event('change'));");
            alice.browser.await("duet.pc.getSenders().some(s => s.track && s.track.kind === '" + kind
                    + "' && s.track.label !== '" + before + "' && s.track.readyState === 'live')", "alice sends the other " + kind);
        }
        assertEquals(sdp, alice.browser.js("return duet.pc.localDescription.sdp;"), "no renegotiation");
        assertEquals("stable", alice.browser.js("return duet.pc.signalingState;"));
        // the other microphone's sound reaches bob. Video flow is not checked here: with Chromium's
        // fake devices, the second fake camera's frames are not encoded after replaceTrack even
        // though its track delivers frames (seen here, not explained; screen share, the same
        // replaceTrack path, is checked end to end above)
        long packets = audioPacketsReceived(bob);
        CallPage.sleep(1500);
        assertTrue(audioPacketsReceived(bob) > packets + 20, "audio keeps flowing after the switch");
        assertEquals("connected", bob.callState());
    }

    private static long audioPacketsReceived(CallPage side) {
        return ((Number) side.browser.jsAsync("const done = arguments[0]; duet.pc.getStats().then(r => { let n = 0;"
                + " r.forEach(s => { if (s.type === 'inbound-rtp' && s.kind === 'audio') n += s.packetsReceived; }); done(n); });"))
                .longValue();
    }

    @Test
    void hangUpTellsTheOtherSideAndAThirdBrowserIsToldTheRoomIsFull() {
        call();
        try (Browser third = new Browser()) {
            CallPage carol = new CallPage(third);
            carol.join(base(), room, "Carol");
            carol.awaitNotice("room-full");
            assertTrue(third.text("#notice").contains("full"), third.text("#notice"));
            assertTrue(third.visible("#ended"));
        }
        alice.awaitFramesGrowing();
        alice.browser.click("#hangup-btn");
        assertTrue(alice.browser.visible("#ended"));
        bob.awaitNotice("peer-left");
        assertTrue(bob.browser.text("#notice").contains("Alice hung up"), bob.browser.text("#notice"));
        assertEquals("waiting", bob.callState());
    }

    @Test
    void glareBothSidesRenegotiateAtOnceAndTheCallSurvives() {
        call();
        String aliceUfrag = ufrag(alice);
        String bobUfrag = ufrag(bob);
        // both restart ICE at the same instant: two offers cross, perfect negotiation sorts it out
        long at = System.currentTimeMillis() + 700;
        for (CallPage side : List.of(alice, bob)) {
            side.browser.js("setTimeout(() => duet.negotiation.restart(), " + at + " - Date.now());");
        }
        alice.browser.await(restartedFrom(aliceUfrag), "alice restarted ICE", Duration.ofSeconds(20));
        bob.browser.await(restartedFrom(bobUfrag), "bob restarted ICE", Duration.ofSeconds(20));
        assertNotEquals(aliceUfrag, ufrag(alice));
        assertNotEquals(bobUfrag, ufrag(bob));
        alice.awaitConnected();
        bob.awaitConnected();
        alice.awaitFramesGrowing();
        bob.awaitFramesGrowing();
        alice.chat("after glare");
        bob.browser.await("document.querySelectorAll('#chat-log li').length === 1", "chat still works");
    }

    @Test
    void aSignalingBlipResumesWithoutPeerLeftAndMediaKeepsFlowing() {
        call();
        String aliceId = (String) alice.browser.js("return duet.signaling.resumeToken;");
        alice.browser.js("duet.signaling.socket.close();");
        alice.browser.await("duet.signaling.socket.readyState === 1 && duet.signaling.resumeToken !== '" + aliceId
                + "'", "alice resumed");
        bob.awaitFramesGrowing();
        alice.awaitFramesGrowing();
        // the signaling path works again: a mute goes through it
        alice.browser.click("#mic-btn");
        bob.browser.await("!document.getElementById('peer-mic-off').hidden", "bob sees alice muted after the blip");
        CallPage.sleep(4000);
        assertNotEquals("peer-left", bob.noticeCode());
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
