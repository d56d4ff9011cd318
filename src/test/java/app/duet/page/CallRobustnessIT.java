package app.duet.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Await;
import app.duet.testing.Browser;
import app.duet.testing.CallPage;
import app.duet.testing.DeployedDuet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Calls that must not get stuck or show stale numbers when things come late: the camera and
 * microphone (a permission prompt still up when Join is clicked), or a getStats result (the call
 * ended while it ran); "late" is a gate the test opens, not a delay. And joining with whatever
 * devices one has: sound only (camera blocked) or nothing (watch and listen), the other side told,
 * and a camera added mid-call, which renegotiates. One class: each class boots its own server.
 */
class CallRobustnessIT extends DeployedDuet {

    /**
     * Holds every getUserMedia call (as an unanswered permission prompt does) until
     * {@code releaseMedia()}; {@code heldMedia} counts the calls waiting. Runs before the page's scripts.
     */
    static final String HOLD_MEDIA = "(() => { const md = navigator.mediaDevices; if (!md) return;"
            + " const gum = md.getUserMedia.bind(md); const held = []; window.heldMedia = () => held.length;"
            + " md.getUserMedia = (c) => new Promise((resolve, reject) => held.push(() => gum(c).then(resolve, reject)));"
            + " window.releaseMedia = () => { md.getUserMedia = gum; held.splice(0).forEach((go) => go()); }; })();";

    /**
     * Once {@code holdStats} is set, holds the results of getStats until {@code releaseStats()};
     * {@code heldStats} counts the results waiting. Runs before the page's scripts.
     */
    static final String HOLD_STATS = "(() => { const get = RTCPeerConnection.prototype.getStats; const held = [];"
            + " window.holdStats = false; window.heldStats = () => held.length;"
            + " RTCPeerConnection.prototype.getStats = function (...args) { const result = get.apply(this, args);"
            + "  return window.holdStats ? result.then((r) => new Promise((resolve) => held.push(() => resolve(r)))) : result; };"
            + " window.releaseStats = () => { window.holdStats = false; held.splice(0).forEach((go) => go()); }; })();";

    /**
     * Makes getUserMedia reject a request for a kind listed in {@code window.blockedDevices} (kind
     * to the error's name), as a browser does for a blocked camera or microphone; the test may
     * unblock one later. Runs before the page's scripts.
     */
    static String blocking(String video, String audio) {
        return "(() => { const md = navigator.mediaDevices; if (!md) return; const gum = md.getUserMedia.bind(md);"
                + " window.blockedDevices = {video: " + quoted(video) + ", audio: " + quoted(audio) + "};"
                + " md.getUserMedia = (c) => { const kind = ['video', 'audio'].find((k) => c && c[k] && window.blockedDevices[k]);"
                + "  return kind ? Promise.reject(new DOMException('Blocked by the test', window.blockedDevices[kind])) : gum(c); }; })();";
    }

    private static String quoted(String value) {
        return value == null ? "null" : "'" + value + "'";
    }

    @RegisterExtension
    static final BrowserPair BROWSERS = new BrowserPair();

    @Test
    void joiningWhileCameraAndMicrophoneAreStillPendingConnectsAndSendsThemWhenTheyCome() {
        String room = freshRoom();
        List<Browser> browsers = List.of(BROWSERS.first(), BROWSERS.second());
        for (Browser browser : browsers) {
            browser.beforeEveryPage(HOLD_MEDIA);
            browser.open(base().resolve("?room=" + room));
            browser.await("!document.getElementById('prejoin').hidden && window.heldMedia() > 0",
                    "pre-join shown, the camera and microphone not answered yet");
        }
        CallPage alice = new CallPage(browsers.get(0)).joinAs("Alice");
        CallPage bob = new CallPage(browsers.get(1)).joinAs("Bob");
        for (CallPage side : List.of(alice, bob)) {
            assertEquals(1L, side.browser.js("return window.heldMedia();"), "still no camera or microphone");
        }
        // the call connects without them ...
        alice.awaitConnected();
        bob.awaitConnected();
        // ... and sends them once they come: each side decodes the other's video and sees itself
        for (CallPage side : List.of(alice, bob)) {
            side.browser.js("window.releaseMedia();");
        }
        for (CallPage side : List.of(alice, bob)) {
            side.browser.await("document.getElementById('remote-video').videoWidth > 0", "the other side's video arrives");
            side.browser.await("document.getElementById('local-video').videoWidth > 0", "the self-view shows the camera");
            side.awaitFramesGrowing();
            assertEquals("connected", side.callState(), side.diagnostics());
        }
        // the page declares its icon: no request for a favicon.ico that is not there
        assertEquals(200L, browsers.get(0).jsAsync("const done = arguments[0];"
                + " fetch(document.querySelector('link[rel~=icon]').href).then(r => done(r.status), () => done(0));"));
        assertFalse(browsers.get(0).console().contains("favicon.ico"), "no favicon.ico requested");
    }

    @Test
    void afterThePeerHangsUpALateGetStatsResultLeavesNoPathRttOrTimerBehind() {
        BROWSERS.second().beforeEveryPage(HOLD_STATS);
        List<CallPage> call = BROWSERS.call(base(), freshRoom());
        CallPage alice = call.get(0);
        CallPage bob = call.get(1);
        bob.browser.await("document.getElementById('path').dataset.path === 'host'"
                + " && document.getElementById('rtt').textContent.startsWith('RTT')"
                + " && !document.getElementById('call-timer').hidden", "bob shows the path, the RTT and the timer");
        bob.browser.js("window.holdStats = true;");
        bob.browser.await("window.heldStats() > 0", "a getStats of bob's call is under way");

        alice.browser.click("#hangup-btn");
        bob.awaitNotice("peer-left");
        // the held result comes back now; a macrotask later every continuation of it has run
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) bob.browser.jsAsync("const done = arguments[0];"
                + " window.releaseStats(); setTimeout(() => { const $ = (id) => document.getElementById(id);"
                + " done({path: $('path').dataset.path, label: $('path').textContent, rtt: $('rtt').textContent,"
                + " bitrate: $('bitrate').textContent, timerHidden: $('call-timer').hidden, state: $('call-state').dataset.state}); }, 0);");
        assertEquals("waiting", status.get("state"), status.toString());
        assertEquals("", status.get("path"), status.toString());
        assertEquals("—", status.get("label"), status.toString());
        assertEquals("", status.get("rtt"), status.toString());
        assertEquals("", status.get("bitrate"), status.toString());
        assertEquals(Boolean.TRUE, status.get("timerHidden"), "no call timer while waiting: " + status);
        assertFalse(bob.browser.console().contains("reading 'pc'"), "no stale negotiation dereferenced");
    }

    /** Opens the room in a browser that will not show a camera preview, and waits for the page to settle on {@code notice}. */
    private CallPage openWithout(Browser browser, String room, String notice) {
        browser.open(base().resolve("?room=" + room));
        CallPage page = new CallPage(browser);
        page.awaitNotice(notice);
        return page;
    }

    @Test
    void aBlockedCameraJoinsWithSoundOnlyTheOtherSideSeesCameraOffAndACameraAddedLaterIsDecoded() {
        String room = freshRoom();
        CallPage alice = new CallPage(BROWSERS.first()).join(base(), room, "Alice");
        BROWSERS.second().beforeEveryPage(blocking("NotAllowedError", null));
        CallPage bob = openWithout(BROWSERS.second(), room, "media-missing");
        assertTrue(bob.browser.text("#notice").contains("Camera access is blocked"), bob.browser.text("#notice"));
        assertEquals("Join with sound only", bob.browser.text("#join-btn"));
        bob.joinAs("Bob");
        alice.awaitConnected();
        bob.awaitConnected();

        alice.browser.await("!document.getElementById('peer-cam-off').hidden", "alice is told bob's camera is off");
        assertFalse(alice.browser.visible("#peer-mic-off"), "bob's microphone is on");
        long packets = audioPacketsReceived(alice);
        Await.until("bob's sound reaches alice", Browser.WAIT, () -> audioPacketsReceived(alice) > packets + 20);
        bob.browser.await("document.getElementById('remote-video').videoWidth > 0", "bob sees alice");
        assertFalse(bob.browser.visible("#local-video"), "no self-view without a camera");
        assertEquals("true", bob.browser.find("#cam-btn").getAttribute("aria-pressed"), "bob's camera shown as off");
        assertEquals(0L, alice.remoteVideoWidth());

        // bob allows the camera and turns it on: the call renegotiates and alice decodes it
        bob.browser.js("window.blockedDevices.video = null;");
        bob.browser.click("#cam-btn");
        alice.browser.await("document.getElementById('remote-video').videoWidth > 0", "alice sees bob's camera");
        alice.awaitFramesGrowing();
        alice.browser.await("document.getElementById('peer-cam-off').hidden", "alice is told bob's camera is on");
        bob.browser.await("document.getElementById('local-video').videoWidth > 0", "bob sees himself");
        assertEquals("false", bob.browser.find("#cam-btn").getAttribute("aria-pressed"));
        assertEquals(List.of("connected", "connected"), List.of(alice.callState(), bob.callState()));
    }

    @Test
    void withNeitherCameraNorMicrophoneTheFirstInTheRoomJoinsToWatchAndListenAndBothSidesAreTold() {
        String room = freshRoom();
        BROWSERS.first().beforeEveryPage(blocking("NotAllowedError", "NotAllowedError"));
        CallPage alice = openWithout(BROWSERS.first(), room, "media");
        assertTrue(alice.browser.text("#notice").contains("You can still join without them"), alice.browser.text("#notice"));
        assertEquals("Join without camera or microphone", alice.browser.text("#join-btn"));
        alice.joinAs("Alice");
        CallPage bob = new CallPage(BROWSERS.second()).join(base(), room, "Bob");
        alice.awaitConnected();
        bob.awaitConnected();

        bob.browser.await("!document.getElementById('peer-cam-off').hidden && !document.getElementById('peer-mic-off').hidden",
                "bob is told alice has camera and microphone off");
        alice.browser.await("document.getElementById('remote-video').videoWidth > 0", "alice sees bob");
        alice.awaitFramesGrowing();
        long packets = audioPacketsReceived(alice);
        Await.until("bob's sound reaches alice", Browser.WAIT, () -> audioPacketsReceived(alice) > packets + 20);
        assertEquals("true", alice.browser.find("#mic-btn").getAttribute("aria-pressed"), "alice's microphone shown as off");
        assertEquals("true", alice.browser.find("#cam-btn").getAttribute("aria-pressed"), "alice's camera shown as off");
        assertEquals(Boolean.TRUE, alice.browser.js("return duet.pc.getSenders().every((s) => s.track === null);"),
                "alice sends nothing: " + alice.diagnostics());
    }

    private static long audioPacketsReceived(CallPage side) {
        return ((Number) side.browser.jsAsync("const done = arguments[0]; duet.pc.getStats().then(r => { let n = 0;"
                + " r.forEach(s => { if (s.type === 'inbound-rtp' && s.kind === 'audio') n += s.packetsReceived; }); done(n); });"))
                .longValue();
    }
}
