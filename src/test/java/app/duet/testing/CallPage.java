package app.duet.testing;

import java.net.URI;
import java.util.List;

/** What a person does on the call page, and what the tests read from it, for one browser. */
public final class CallPage {

    /** Sum of video framesDecoded over inbound RTP streams. */
    private static final String FRAMES_DECODED = "const done = arguments[arguments.length - 1];"
            + "if (!duet.pc) { done(-1); return; }"
            + "duet.pc.getStats().then(r => { let f = 0; r.forEach(s => {"
            + " if (s.type === 'inbound-rtp' && s.kind === 'video') f += s.framesDecoded || 0; }); done(f); });";

    /**
     * Records every signaling message the page receives ({@code window.signals}), ahead of the
     * page's own handler: installed after the page loaded and before it opens its socket.
     */
    private static final String TAP = "if (!window.signals) { window.signals = []; const Native = window.WebSocket;"
            + " window.WebSocket = class extends Native { constructor(...args) { super(...args);"
            + " this.addEventListener('message', (e) => { try { window.signals.push(JSON.parse(e.data)); } catch (x) { } }); } }; }";

    public final Browser browser;

    public CallPage(Browser browser) {
        this.browser = browser;
    }

    /** Opens the room's link, waits for the preview, sets the name and joins. */
    public CallPage join(URI base, String room, String name) {
        return open(base.resolve("?room=" + room)).joinAs(name);
    }

    /** Opens a link to the call page (a room's, or an invite link with its token) and waits for the preview. */
    public CallPage open(URI link) {
        browser.open(link);
        browser.await("!document.getElementById('prejoin').hidden && !document.getElementById('join-btn').disabled"
                + " && document.getElementById('preview-video').videoWidth > 0", "preview ready");
        browser.js(TAP);
        return this;
    }

    /**
     * On the pre-join screen: types {@code name} (null: leaves the name as the page shows it, e.g.
     * the one an invite's token gives) and joins.
     */
    public CallPage joinAs(String name) {
        if (name != null) {
            browser.find("#prejoin-name").clear();
            browser.find("#prejoin-name").sendKeys(name);
        }
        browser.click("#join-btn");
        browser.await("document.getElementById('prejoin').hidden", "joined (call view, or ended when refused)");
        return this;
    }

    /** Two browsers join the room, in order, and both reach connected: [first, second]. */
    public static List<CallPage> call(URI base, String room, Browser first, Browser second) {
        return connected(new CallPage(first).join(base, room, "Alice"), new CallPage(second).join(base, room, "Bob"));
    }

    /** Two browsers open their invite links and join, in order, under the invites' names; both reach connected. */
    public static List<CallPage> callByInvites(URI firstLink, URI secondLink, Browser first, Browser second) {
        return connected(new CallPage(first).open(firstLink).joinAs(null), new CallPage(second).open(secondLink).joinAs(null));
    }

    private static List<CallPage> connected(CallPage first, CallPage second) {
        first.awaitConnected();
        second.awaitConnected();
        return List.of(first, second);
    }

    public void awaitConnected() {
        try {
            browser.await("document.getElementById('call-state').dataset.state === 'connected'", "call connected");
        } catch (RuntimeException e) {
            throw new AssertionError("not connected: " + diagnostics(), e);
        }
    }

    /** The page's view of its call, for failure messages. */
    public String diagnostics() {
        return browser.js("const pc = duet.pc; return JSON.stringify({state: document.getElementById('call-state').dataset.state,"
                + " notice: document.getElementById('notice').textContent,"
                + " pc: pc && {connection: pc.connectionState, ice: pc.iceConnectionState, gathering: pc.iceGatheringState,"
                + " signaling: pc.signalingState, local: pc.localDescription && pc.localDescription.type,"
                + " remote: pc.remoteDescription && pc.remoteDescription.type},"
                + " restarts: duet.negotiation && duet.negotiation.restarts, signals: (window.signals || []).map(m => m.type)});")
                + "\nconsole:\n" + browser.console();
    }

    /** The signaling messages of {@code type} this page received since it joined, as JSON text. */
    @SuppressWarnings("unchecked")
    public List<String> signals(String type) {
        return (List<String>) browser.js("return (window.signals || []).filter(m => m.type === arguments[0])"
                + ".map(m => JSON.stringify(m));", type);
    }

    public String callState() {
        return browser.find("#call-state").getAttribute("data-state");
    }

    public long framesDecoded() {
        return ((Number) browser.jsAsync(FRAMES_DECODED)).longValue();
    }

    /** Waits until decoded video frames grow past what they are now. */
    public void awaitFramesGrowing() {
        long before = framesDecoded();
        Await.until("video frames decoded beyond " + before, Browser.WAIT, () -> framesDecoded() > before + 10);
    }

    public long remoteVideoWidth() {
        return ((Number) browser.js("return document.getElementById('remote-video').videoWidth;")).longValue();
    }

    public String noticeCode() {
        return browser.visible("#notice") ? browser.find("#notice").getAttribute("data-code") : "";
    }

    public void awaitNotice(String code) {
        browser.await("!document.getElementById('notice').hidden && document.getElementById('notice').dataset.code === '"
                + code + "'", "notice " + code);
    }

    public void chat(String text) {
        browser.await("!document.getElementById('chat-input').disabled", "chat open");
        browser.find("#chat-input").sendKeys(text);
        browser.click("#chat-send");
    }

    /** Texts of the chat log, each prefixed with "mine:" or "theirs:". */
    @SuppressWarnings("unchecked")
    public List<String> chatLog() {
        return (List<String>) browser.js("return [...document.querySelectorAll('#chat-log li')]"
                + ".map(li => li.className + ':' + li.querySelector('.text').textContent);");
    }
}
