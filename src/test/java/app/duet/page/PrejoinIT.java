package app.duet.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Browser;
import app.duet.testing.CallPage;
import app.duet.testing.DeployedDuet;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The landing and pre-join views, and the messages a user gets when media cannot start. */
class PrejoinIT extends DeployedDuet {

    /**
     * A machine without a camera, as the page sees it: getUserMedia asking for video rejects with
     * NotFoundError, and no camera is listed; with {@code sessionStorage.noMicrophone} set, no
     * microphone either. Runs before the page's own scripts.
     */
    static final String NO_CAMERA = "(() => { const md = navigator.mediaDevices; if (!md) return;"
            + " const gum = md.getUserMedia.bind(md), list = md.enumerateDevices.bind(md);"
            + " const gone = (kind) => kind === 'videoinput' || (kind === 'audioinput' && sessionStorage.noMicrophone);"
            + " md.getUserMedia = (c) => (c && c.video) || (c && c.audio && sessionStorage.noMicrophone)"
            + "   ? Promise.reject(new DOMException('Requested device not found', 'NotFoundError')) : gum(c);"
            + " md.enumerateDevices = () => list().then(ds => ds.filter(d => !gone(d.kind))); })();";

    static Browser browser;

    @BeforeAll
    static void oneBrowser() {
        browser = new Browser();
    }

    @AfterAll
    static void closeBrowser() {
        browser.close();
    }

    private void landing() {
        browser.open(base());
        browser.await("!document.getElementById('landing').hidden", "landing shown");
    }

    @Test
    void aNewRoomGetsAnUnguessableIdAShareableLinkAPreviewAndDevices() {
        landing();
        browser.find("#name-input").clear();
        browser.find("#name-input").sendKeys("Alice");
        browser.click("#new-room-btn");
        browser.await("!document.getElementById('join-btn').disabled", "preview started");
        String id = browser.text("#room-name");
        assertTrue(id.matches("[A-Za-z0-9_-]{22}"), id);
        assertEquals(base() + "?room=" + id, browser.find("#room-link").getAttribute("value"));
        assertEquals(base() + "?room=" + id, browser.url(), "the address bar holds the room link");
        assertEquals("Alice", browser.find("#prejoin-name").getAttribute("value"));
        browser.await("document.getElementById('preview-video').videoWidth > 0", "preview video plays");
        browser.await("document.querySelectorAll('#camera-select option').length === 2", "both fake cameras listed");
        assertTrue(((Number) browser.js("return document.querySelectorAll('#mic-select option').length;")).intValue() >= 1);

        landing();
        assertEquals("Alice", browser.find("#name-input").getAttribute("value"), "the name is remembered");
    }

    @Test
    void aPastedLinkJoinsItsRoomAndABadOneIsExplained() {
        landing();
        browser.find("#room-input").sendKeys("https://elsewhere.example/?room=not a room");
        browser.click("#join-form button");
        new CallPage(browser).awaitNotice("bad-room");
        assertFalse(browser.visible("#prejoin"));
        browser.find("#room-input").clear();
        browser.find("#room-input").sendKeys(base() + "?room=team-standup_42");
        browser.click("#join-form button");
        browser.await("!document.getElementById('prejoin').hidden", "pre-join for the pasted room");
        assertEquals("team-standup_42", browser.text("#room-name"));
    }

    @Test
    void deniedCameraAndMicrophoneAreExplainedAndOneMayStillJoinToWatchAndListen() {
        try (Browser denying = Browser.denyingMedia()) {
            denying.open(base().resolve("?room=denied"));
            new CallPage(denying).awaitNotice("media");
            assertTrue(denying.text("#notice").contains("denied"), denying.text("#notice"));
            assertNull(denying.find("#join-btn").getAttribute("disabled"), "joining receive-only is allowed");
            assertEquals("Join without camera or microphone", denying.text("#join-btn"));
        }
    }

    @Test
    void aMissingCameraIsExplainedAndTheCallGoesOnWithSoundAndNoDeviceAtAllLeavesReceiveOnly() {
        try (Browser noCamera = new Browser()) {
            noCamera.beforeEveryPage(NO_CAMERA);
            noCamera.open(base().resolve("?room=" + freshRoom()));
            CallPage page = new CallPage(noCamera);
            page.awaitNotice("media-missing");
            assertTrue(noCamera.text("#notice").contains("No camera was found"), noCamera.text("#notice"));
            assertNull(noCamera.find("#join-btn").getAttribute("disabled"), "joining with sound only is allowed");
            assertEquals("Join with sound only", noCamera.text("#join-btn"));
            assertEquals("audio", noCamera.js("return document.getElementById('preview-video').srcObject.getTracks().map(t => t.kind).join();"));

            noCamera.js("sessionStorage.noMicrophone = '1';");
            noCamera.open(URI.create(noCamera.url()));
            page.awaitNotice("media");
            assertTrue(noCamera.text("#notice").contains("No camera or microphone was found"), noCamera.text("#notice"));
            assertNull(noCamera.find("#join-btn").getAttribute("disabled"), "joining receive-only is allowed");
            assertEquals("Join without camera or microphone", noCamera.text("#join-btn"));
        }
    }

    @Test
    void anInsecurePageExplainsThatCameraNeedsHttps() {
        URI base = base();
        try (Browser insecure = Browser.resolving("duet.test")) {
            insecure.open(URI.create("http://duet.test:" + base.getPort() + base.getPath() + "?room=insecure"));
            new CallPage(insecure).awaitNotice("insecure");
            assertTrue(insecure.text("#notice").contains("HTTPS"), insecure.text("#notice"));
            assertEquals("true", insecure.find("#join-btn").getAttribute("disabled"));
        }
    }
}
