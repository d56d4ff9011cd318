package app.duet.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Await;
import app.duet.testing.Browser;
import app.duet.testing.CallPage;
import app.duet.testing.DeployedDuet;
import app.duet.testing.JsonText;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Calls through invite links ({@code POST api/admin/invites}, issue 14): the page takes the join
 * token from its address, removes it from the address bar, sends it in its join and explains a
 * refused one. Written for token mode (the failsafe execution 'postgresql'); it runs in the
 * default, open-mode execution too, where an invite's token is checked all the same: only the
 * landing differs, as {@code api/access} says.
 */
class InviteCallIT extends DeployedDuet {

    /** Counts the WebSockets a page opens ({@code window.socketsOpened}), before the page's own scripts. */
    static final String COUNT_SOCKETS = "window.socketsOpened = 0; { const Native = window.WebSocket;"
            + " window.WebSocket = class extends Native { constructor(...args) { super(...args); window.socketsOpened++; } }; }";

    @RegisterExtension
    static final BrowserPair BROWSERS = new BrowserPair();

    private JsonObject invite(String json) {
        HttpResponse<String> response = admin().post("api/admin/invites", json);
        assertEquals(201, response.statusCode(), response.body());
        return JsonText.object(response);
    }

    private boolean tokenMode() {
        HttpResponse<String> access = anonymous().get("api/access");
        assertEquals(200, access.statusCode(), access.body());
        return JsonText.object(access).getString("mode").equals("token");
    }

    @Test
    void twoInviteLinksMakeACallUnderTheirNamesAndTheTokenLeavesTheAddressBar() {
        JsonObject ann = invite("{\"name\":\"Ann\"}");
        String room = ann.getString("room");
        JsonObject bob = invite("{\"room\":\"" + room + "\",\"name\":\"Bob\"}");
        assertEquals(room, bob.getString("room"));

        List<CallPage> call = BROWSERS.callByInvites(URI.create(ann.getString("url")), URI.create(bob.getString("url")));
        for (int i = 0; i < 2; i++) {
            CallPage side = call.get(i);
            String token = (i == 0 ? ann : bob).getString("token");
            String address = side.browser.url();
            assertFalse(address.contains(token) || address.contains("token="), "the token left the address bar: " + address);
            assertEquals(base() + "?room=" + room, address, "the room stays in the address bar");
            assertEquals(Boolean.TRUE, side.browser.js("return document.getElementById('prejoin-name').readOnly;"),
                    "the invite's name is shown, not asked for");
            side.awaitFramesGrowing();

            // the RTCPeerConnection runs on the ICE servers of the joined message; api/ice-servers is never asked
            JsonObject joined = JsonText.object(side.signals("joined").get(0));
            assertTrue(joined.containsKey("iceServers") && joined.containsKey("iceExpiresAt"), joined.toString());
            assertEquals(joined.getJsonArray("iceServers").size(),
                    ((Number) side.browser.js("return duet.pc.getConfiguration().iceServers.length;")).intValue());
            assertEquals(joined.getString("iceTransportPolicy"), side.browser.js("return duet.pc.getConfiguration().iceTransportPolicy;"));
            assertEquals(0L, side.browser.js("return performance.getEntriesByType('resource')"
                    + ".filter(e => e.name.includes('api/ice-servers')).length;"), "no request to api/ice-servers");
        }
        // each side knows the other by the name in the other's invite
        assertEquals("Bob", call.get(0).browser.text("#peer-name"));
        assertEquals("Ann", call.get(1).browser.text("#peer-name"));
        call.get(0).browser.screenshot("invite-call-ann");
    }

    @Test
    void aBrokenTokenIsExplainedOnThePageAndNotTriedAgain() {
        JsonObject ann = invite("{\"name\":\"Ann\"}");
        String url = ann.getString("url");
        String tail = url.endsWith("AAAA") ? "BBBB" : "AAAA";
        String broken = url.substring(0, url.length() - tail.length()) + tail; // the signature no longer fits
        assertNotEquals(url, broken);

        Browser browser = BROWSERS.first();
        browser.beforeEveryPage(COUNT_SOCKETS);
        CallPage page = new CallPage(browser).open(URI.create(broken)).joinAs(null);
        page.awaitNotice("unauthorized");
        String notice = browser.text("#notice");
        assertTrue(notice.contains("does not let you into the call") && notice.contains("not valid")
                && notice.contains("new link"), notice);
        assertTrue(browser.visible("#ended") && !browser.visible("#rejoin-btn"), "the call ended, with no rejoin offered");
        assertFalse(browser.url().contains("token="), browser.url());
        assertEquals(List.of("unauthorized"), page.signals("error").stream()
                .map(e -> JsonText.object(e).getString("code")).toList());
        // time must pass here: a reconnect would come 250 ms after the close (signaling.js RETRY_MS)
        Await.pause(1500);
        assertEquals(1L, browser.js("return window.socketsOpened;"), "one socket, no reconnect: " + page.diagnostics());
        assertEquals("unauthorized", page.noticeCode(), "the message stays");
        browser.screenshot("invite-broken-token");
    }

    @Test
    void theLandingOffersANewRoomOnlyInOpenModeAndARoomWithoutTokenAsksForTheInvite() {
        Browser browser = BROWSERS.first();
        CallPage page = new CallPage(browser);
        browser.open(base());
        browser.await("!document.getElementById('landing').hidden", "landing shown");
        if (!tokenMode()) {
            assertTrue(browser.visible("#new-room-btn") && !browser.visible("#invite-only"), "open mode: New room");
            browser.open(base().resolve("?room=" + freshRoom()));
            browser.await("!document.getElementById('prejoin').hidden", "open mode: a room without a token is joinable");
            return;
        }
        assertFalse(browser.visible("#new-room-btn"), "token mode: no New room");
        assertTrue(browser.visible("#invite-only"));

        // a pasted room id lets nobody in; a pasted invite link does
        String room = freshRoom();
        browser.find("#room-input").sendKeys(room);
        browser.click("#join-form button");
        page.awaitNotice("token-required");
        assertTrue(browser.text("#notice").contains("invite link that carries a token"), browser.text("#notice"));
        JsonObject invite = invite("{\"name\":\"Ann\"}");
        browser.find("#room-input").clear();
        browser.find("#room-input").sendKeys(invite.getString("url"));
        browser.click("#join-form button");
        browser.await("!document.getElementById('prejoin').hidden", "pre-join for the pasted invite");
        assertEquals(invite.getString("room"), browser.text("#room-name"));
        assertEquals("Ann", browser.find("#prejoin-name").getAttribute("value"));
        assertFalse(browser.visible("#share-row"), "no bare room link to share in token mode");

        // a room's link without its token
        browser.open(base().resolve("?room=" + room));
        page.awaitNotice("token-required");
        assertTrue(browser.visible("#landing") && !browser.visible("#prejoin") && !browser.visible("#new-room-btn"));
        browser.screenshot("invite-token-required");
    }

    @Test
    void theConnectionCheckTakesTheInviteTokenAndSaysWhenItHasNone() {
        Browser browser = BROWSERS.first();
        String token = invite("{\"name\":\"Ann\"}").getString("token");
        browser.open(base().resolve("diagnostics.html"));
        browser.await("['done', 'error'].includes(document.getElementById('status').dataset.state)", "check over");
        if (tokenMode()) {
            assertEquals("error", browser.find("#status").getAttribute("data-state"));
            assertEquals("unauthorized", browser.find("#status").getAttribute("data-code"));
            assertTrue(browser.text("#status").contains("only to invited callers"), browser.text("#status"));
        } else {
            assertEquals("done", browser.find("#status").getAttribute("data-state"), browser.text("#status"));
        }
        browser.open(base().resolve("diagnostics.html?token=" + token));
        browser.await("document.getElementById('status').dataset.state === 'done'", "check done with the token");
        assertEquals(base() + "diagnostics.html", browser.url(), "the token left the address bar");
    }
}
