package app.duet.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Await;
import app.duet.testing.Browser;
import app.duet.testing.CallPage;
import app.duet.testing.DeployedDuet;
import app.duet.testing.JsonText;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two real Chromium browsers with fake camera and microphone in a call through the WAR, fresh for
 * each test ({@link BrowserPair}), each test in a fresh room.
 */
class CallPageIT extends DeployedDuet {

    @RegisterExtension
    static final BrowserPair BROWSERS = new BrowserPair();

    final String room = freshRoom();
    CallPage alice;
    CallPage bob;

    private void call() {
        List<CallPage> call = BROWSERS.call(base(), room);
        alice = call.get(0);
        bob = call.get(1);
    }

    @Test
    void bothSidesConnectDecodeVideoShowThePathAndTheHistoryStoresIt() {
        call();
        alice.browser.await("document.getElementById('remote-video').videoWidth > 0", "alice sees bob's video");
        bob.browser.await("document.getElementById('remote-video').videoWidth > 0", "bob sees alice's video");
        alice.awaitFramesGrowing();
        bob.awaitFramesGrowing();
        for (CallPage side : List.of(alice, bob)) {
            side.browser.await("document.getElementById('path').dataset.path === 'host'"
                    + " && document.getElementById('path').textContent === 'direct (host)'", "path shown as direct (host)");
            side.browser.await("document.getElementById('rtt').textContent.startsWith('RTT')", "round-trip time shown");
        }
        assertEquals("Bob", alice.browser.text("#peer-name"));
        assertEquals("Alice", bob.browser.text("#peer-name"));
        alice.browser.screenshot("call-alice");
        bob.browser.screenshot("call-bob");

        // what each browser reported reaches the history: first = alice (in the room first)
        JsonObject record = Await.value("the call's record with both sides' paths", Browser.WAIT, () -> {
            HttpResponse<String> calls = admin().get("api/admin/calls?room=" + room);
            assertEquals(200, calls.statusCode(), calls.body());
            return JsonText.object(calls).getJsonArray("items").stream().map(v -> v.asJsonObject())
                    .filter(c -> !c.isNull("firstPath") && !c.isNull("secondPath")).findFirst();
        });
        assertEquals("Alice", record.getString("firstName"));
        assertEquals("Bob", record.getString("secondName"));
        assertEquals("host", record.getString("firstPath"), record.toString());
        assertEquals("host", record.getString("secondPath"), record.toString());

        // issue 18: each page shows its set-up time, and the history keeps what each page reported last
        List<String> shown = new java.util.ArrayList<>();
        for (CallPage side : List.of(alice, bob)) {
            side.browser.await("document.getElementById('setup').dataset.reportedRttMs !== ''", "a report with an RTT sent");
            String measured = (String) side.browser.js("return document.getElementById('setup').dataset.setupMs");
            assertEquals("set-up " + measured + " ms", side.browser.text("#setup"), "the set-up time shown");
            shown.add(measured);
        }
        alice.browser.click("#hangup-btn"); // her last report goes out before her leave
        JsonObject ended = Await.value("the ended call's record", Browser.WAIT, () -> {
            HttpResponse<String> calls = admin().get("api/admin/calls?room=" + room + "&path=host&minSetupMs=0");
            assertEquals(200, calls.statusCode(), calls.body());
            return JsonText.object(calls).getJsonArray("items").stream().map(v -> v.asJsonObject())
                    .filter(c -> !c.isNull("endedAt")).findFirst();
        });
        JsonObject aliceLast = reports(alice).get(reports(alice).size() - 1);
        assertEquals(aliceLast.getInt("setupMs"), ended.getInt("firstSetupMs"), ended.toString());
        assertEquals(aliceLast.getInt("rttMs"), ended.getInt("firstRttMs"), ended.toString());
        assertEquals(aliceLast.getInt("iceRestarts"), ended.getInt("firstIceRestarts"), ended.toString());
        assertEquals(aliceLast.getBoolean("reconnected"), ended.getBoolean("firstReconnected"), ended.toString());
        assertEquals(aliceLast.getString("path"), ended.getString("firstPath"));
        assertEquals(String.valueOf(aliceLast.getInt("setupMs")),
                alice.browser.js("return document.getElementById('setup').dataset.reportedSetupMs"), "what her page shows");
        assertEquals(String.valueOf(aliceLast.getInt("rttMs")),
                alice.browser.js("return document.getElementById('setup').dataset.reportedRttMs"));
        // bob's last report may cross alice's leave (the server then has no call to give it to):
        // what is stored is one bob's page sent, with the set-up time it showed
        JsonObject bobStored = Json.createObjectBuilder().add("type", "stats").add("path", ended.getString("secondPath"))
                .add("setupMs", ended.getInt("secondSetupMs")).add("rttMs", ended.getInt("secondRttMs"))
                .add("iceRestarts", ended.getInt("secondIceRestarts")).add("reconnected", ended.getBoolean("secondReconnected"))
                .build();
        assertTrue(reports(bob).contains(bobStored), bobStored + " is one of bob's reports " + reports(bob));
        assertEquals(shown, List.of(String.valueOf(ended.getInt("firstSetupMs")), String.valueOf(ended.getInt("secondSetupMs"))),
                "the set-up times the pages showed");
    }

    /** The quality reports a page sent to the server, oldest first. */
    private static List<JsonObject> reports(CallPage page) {
        return JsonText.array((String) page.browser.js("return JSON.stringify(window.duet.reports)")).stream()
                .map(v -> v.asJsonObject()).toList();
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
        // browsers of its own, as for the device switch below: replaceTrack on Chromium's fake
        // devices; in shared browsers the camera's video did not come back after five tests
        inOwnBrowsers(CallPageIT::shareScreenAndBack);
    }

    /** A call in this test's browsers, handed to {@code test}. */
    private void inOwnBrowsers(BiConsumer<CallPage, CallPage> test) {
        call();
        test.accept(alice, bob);
    }

    private static void shareScreenAndBack(CallPage alice, CallPage bob) {
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
        // browsers of its own: after the switch, Chromium's fake camera gives no more frames in
        // that browser, not even to a page opened later
        inOwnBrowsers(CallPageIT::switchDevices);
    }

    private static void switchDevices(CallPage alice, CallPage bob) {
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
        Await.until("audio keeps flowing after the switch", Browser.WAIT, () -> audioPacketsReceived(bob) > packets + 20);
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
            assertFalse(third.visible("#rejoin-btn"), "no Rejoin into a full room");
            assertTrue(third.visible("#ended a[href='./']"), "a new call is offered instead");
        }
        alice.awaitFramesGrowing();
        alice.browser.click("#hangup-btn");
        assertTrue(alice.browser.visible("#ended"));
        bob.awaitNotice("peer-left");
        assertTrue(bob.browser.text("#notice").contains("Alice hung up"), bob.browser.text("#notice"));
        assertEquals("waiting", bob.callState());
    }

    @Test
    void anAdminClosingTheRoomEndsTheCallOnBothPages() {
        call();
        assertEquals(204, admin().delete("api/admin/rooms/" + room).statusCode());
        for (CallPage side : List.of(alice, bob)) {
            side.awaitNotice("room-closed");
            assertTrue(side.browser.text("#notice").contains("administrator closed"), side.browser.text("#notice"));
            side.browser.await("!document.getElementById('ended').hidden", "the call view gives way to the ended view");
            assertEquals("The room was closed", side.browser.text("#ended-title"));
            assertEquals(Boolean.TRUE, side.browser.js("return duet.pc === null && duet.signaling === null"
                    + " && duet.media.stream === null;"), "peer connection, socket and camera stopped");
        }
        Await.until("the room is gone", () -> admin().liveRoom(room).isEmpty());
        Await.until("the call recorded as closed by the admin", () -> JsonText.object(admin().get("api/admin/calls?room=" + room))
                .getJsonArray("items").stream().anyMatch(c -> "closed-by-admin".equals(c.asJsonObject().getString("endReason", ""))));
    }
}
