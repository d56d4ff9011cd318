package app.duet.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Browser;
import app.duet.testing.CallPage;
import app.duet.testing.Deployments;
import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The landing and pre-join views, and the messages a user gets when media cannot start. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PrejoinIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.duet();
    }

    @ArquillianResource
    URL deployed;

    @Test
    void aNewRoomGetsAnUnguessableIdAShareableLinkAPreviewAndDevices() {
        URI base = Deployments.base(deployed);
        try (Browser browser = new Browser()) {
            browser.open(base);
            browser.await("!document.getElementById('landing').hidden", "landing shown");
            browser.find("#name-input").sendKeys("Alice");
            browser.click("#new-room-btn");
            browser.await("!document.getElementById('join-btn').disabled", "preview started");
            String id = browser.text("#room-name");
            assertTrue(id.matches("[A-Za-z0-9_-]{22}"), id);
            assertEquals(base + "?room=" + id, browser.find("#room-link").getAttribute("value"));
            assertEquals(base + "?room=" + id, browser.url(), "the address bar holds the room link");
            assertEquals("Alice", browser.find("#prejoin-name").getAttribute("value"));
            browser.await("document.getElementById('preview-video').videoWidth > 0", "preview video plays");
            browser.await("document.querySelectorAll('#camera-select option').length === 2", "both fake cameras listed");
            assertTrue(((Number) browser.js("return document.querySelectorAll('#mic-select option').length;")).intValue() >= 1);

            browser.open(base);
            browser.await("!document.getElementById('landing').hidden", "landing shown again");
            assertEquals("Alice", browser.find("#name-input").getAttribute("value"), "the name is remembered");
        }
    }

    @Test
    void aPastedLinkJoinsItsRoomAndABadOneIsExplained() {
        URI base = Deployments.base(deployed);
        try (Browser browser = new Browser()) {
            browser.open(base);
            browser.await("!document.getElementById('landing').hidden", "landing shown");
            browser.find("#room-input").sendKeys("https://elsewhere.example/?room=not a room");
            browser.click("#join-form button");
            CallPage page = new CallPage(browser);
            page.awaitNotice("bad-room");
            assertFalse(browser.visible("#prejoin"));
            browser.find("#room-input").clear();
            browser.find("#room-input").sendKeys(base + "?room=team-standup_42");
            browser.click("#join-form button");
            browser.await("!document.getElementById('prejoin').hidden", "pre-join for the pasted room");
            assertEquals("team-standup_42", browser.text("#room-name"));
        }
    }

    @Test
    void deniedCameraAndMicrophoneAreExplained() {
        try (Browser browser = Browser.denyingMedia()) {
            browser.open(Deployments.base(deployed).resolve("?room=denied"));
            CallPage page = new CallPage(browser);
            page.awaitNotice("media");
            assertTrue(browser.text("#notice").contains("denied"), browser.text("#notice"));
            assertEquals("true", browser.find("#join-btn").getAttribute("disabled"));
        }
    }

    @Test
    void anInsecurePageExplainsThatCameraNeedsHttps() {
        URI base = Deployments.base(deployed);
        try (Browser browser = Browser.resolving("duet.test")) {
            browser.open(URI.create("http://duet.test:" + base.getPort() + base.getPath() + "?room=insecure"));
            CallPage page = new CallPage(browser);
            page.awaitNotice("insecure");
            assertTrue(browser.text("#notice").contains("HTTPS"), browser.text("#notice"));
            assertEquals("true", browser.find("#join-btn").getAttribute("disabled"));
        }
    }
}
