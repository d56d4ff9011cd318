package app.duet.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.duet.testing.Await;
import app.duet.testing.Browser;
import app.duet.testing.CallPage;
import app.duet.testing.DeployedDuet;
import app.duet.testing.JsonText;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debian's Firefox ESR and Chromium in a call through the WAR, in both roles (the peer already in
 * the room makes the offer). One Firefox and one Chromium serve the whole class; each test uses a
 * fresh room, and opening it leaves the previous test's call.
 */
class FirefoxCallIT extends DeployedDuet {

    /** Records every path the page's status line shows (#path's data-path), from before joining on: for failure messages. */
    private static final String PATH_LOG = "window.paths = []; new MutationObserver(() => {"
            + " const p = document.getElementById('path').dataset.path;"
            + " if (p && p !== window.paths[window.paths.length - 1]) window.paths.push(p); })"
            + ".observe(document.getElementById('path'), {attributes: true, attributeFilter: ['data-path']});";

    private static Browser firefox;
    private static Browser chromium;

    final String room = freshRoom();

    @BeforeAll
    static void launch() {
        firefox = Browser.firefox();
        try {
            chromium = new Browser();
        } catch (RuntimeException e) {
            firefox.close();
            throw e;
        }
    }

    @AfterAll
    static void close() {
        try {
            if (firefox != null) {
                firefox.close();
            }
        } finally {
            if (chromium != null) {
                chromium.close();
            }
        }
    }

    @Test
    void firefoxOffersAndBothSidesAndTheHistorySayDirectHost() {
        bothSidesAndTheHistorySayDirectHost(firefox, chromium);
    }

    @Test
    void chromiumOffersAndBothSidesAndTheHistorySayDirectHost() {
        bothSidesAndTheHistorySayDirectHost(chromium, firefox);
    }

    @Test
    void videoAndChatFlowBothWaysBetweenFirefoxAndChromium() {
        List<CallPage> call = CallPage.call(base(), room, chromium, firefox);
        CallPage alice = call.get(0);
        CallPage bob = call.get(1);
        for (CallPage side : call) {
            side.browser.await("document.getElementById('remote-video').videoWidth > 0", "the other side's video shown");
            side.awaitFramesGrowing();
        }
        assertEquals("Bob", alice.browser.text("#peer-name"));
        assertEquals("Alice", bob.browser.text("#peer-name"));
        alice.chat("hello from chromium");
        bob.browser.await("document.querySelectorAll('#chat-log li').length === 1", "firefox got the message");
        bob.chat("hello from firefox");
        alice.browser.await("document.querySelectorAll('#chat-log li').length === 2", "chromium got the answer");
        assertEquals(List.of("mine:hello from chromium", "theirs:hello from firefox"), alice.chatLog());
        assertEquals(List.of("theirs:hello from chromium", "mine:hello from firefox"), bob.chatLog());
    }

    /**
     * {@code offering} joins first (so it offers), then {@code answering}: on loopback every
     * candidate is a host one, so both status lines must say "direct (host)" and the call's record
     * must store host for both sides, also when a side learned the other's address from a
     * connectivity check before the signaled candidate (a prflx candidate; Firefox as the offerer
     * does, and then lists only that prflx candidate in its stats).
     */
    private void bothSidesAndTheHistorySayDirectHost(Browser offering, Browser answering) {
        CallPage alice = joinLoggingPaths(offering, "Alice");
        CallPage bob = joinLoggingPaths(answering, "Bob");
        alice.awaitConnected();
        bob.awaitConnected();
        for (CallPage side : List.of(alice, bob)) {
            try {
                side.browser.await("document.getElementById('path').dataset.path === 'host'"
                        + " && document.getElementById('path').textContent === 'direct (host)'", "path shown as direct (host)");
            } catch (RuntimeException e) {
                throw new AssertionError(where(side), e);
            }
        }

        AtomicReference<JsonObject> last = new AtomicReference<>();
        try {
            JsonObject record = Await.value("both sides' paths stored as host", Browser.WAIT, () -> {
                HttpResponse<String> calls = admin().get("api/admin/calls?room=" + room);
                assertEquals(200, calls.statusCode(), calls.body());
                JsonText.object(calls).getJsonArray("items").stream().map(v -> v.asJsonObject()).findFirst().ifPresent(last::set);
                return Optional.ofNullable(last.get())
                        .filter(c -> "host".equals(c.getString("firstPath", null)) && "host".equals(c.getString("secondPath", null)));
            });
            assertEquals("Alice", record.getString("firstName"));
        } catch (AssertionError e) {
            throw new AssertionError("record " + last.get() + "\n" + where(alice) + "\n" + where(bob), e);
        }
    }

    private CallPage joinLoggingPaths(Browser browser, String name) {
        CallPage page = new CallPage(browser).open(base().resolve("?room=" + room));
        browser.js(PATH_LOG);
        return page.joinAs(name);
    }

    /** Which browser, the paths its page showed, and the selected pair's candidates as its getStats gives them. */
    private static String where(CallPage side) {
        return (side.browser.isFirefox() ? "firefox" : "chromium") + " showed " + side.browser.js("return JSON.stringify(window.paths);")
                + ", candidates " + side.browser.jsAsync("const done = arguments[arguments.length - 1];"
                + "duet.pc.getStats().then(r => { const out = []; r.forEach(s => {"
                + " if (s.type.endsWith('-candidate')) out.push([s.type, s.candidateType, s.address || s.ip, s.port, s.id].join(' '));"
                + " if (s.type === 'candidate-pair' && s.nominated) out.push(['pair', s.state, s.localCandidateId, s.remoteCandidateId].join(' ')); });"
                + " done(out.join('; ')); });")
                + ", in its remote description " + side.browser.js("return duet.pc.remoteDescription.sdp.split('\\r\\n')"
                        + ".filter(l => l.startsWith('a=candidate:'));")
                + ", signaled to it " + side.signals("candidate").stream()
                        .map(c -> c.replaceAll(".*\"candidate\":\"([^\"]*)\".*", "$1")).toList();
    }
}
