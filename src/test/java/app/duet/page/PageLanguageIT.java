package app.duet.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.signaling.entity.ErrorCode;
import app.duet.testing.Browser;
import app.duet.testing.CallPage;
import app.duet.testing.DeployedDuet;
import app.duet.testing.SignalClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;

/**
 * The page in English and Simplified Chinese, on phone-sized screens and from the keyboard. Two
 * browsers for the whole class: one in English (the default), one whose languages are zh-CN
 * ({@code --lang} and {@code intl.accept_languages}); the tests in order share one call between
 * them (each test makes it when it runs alone). Screenshots of the pre-join and in-call views in
 * both languages and both phone orientations go to target/screenshots/phone-*.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PageLanguageIT extends DeployedDuet {

    static Browser english;
    static Browser chinese;
    /** The call between them (English first, Chinese second), once made. */
    static List<CallPage> call;

    @BeforeAll
    static void browsers() {
        english = new Browser();
        chinese = new Browser(options -> {
            options.addArguments("--lang=zh-CN");
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        });
    }

    @AfterAll
    static void closeBrowsers() {
        try {
            english.close();
        } finally {
            chinese.close();
        }
    }

    private void landing(Browser browser) {
        browser.open(base());
        browser.await("!document.getElementById('landing').hidden", "landing shown");
    }

    @Test
    @Order(1)
    void everyEnglishTextHasAChineseOneAndEveryMarkedElementAndServerErrorCodeAText() {
        landing(english);
        @SuppressWarnings("unchecked")
        Map<String, Object> tables = (Map<String, Object>) english.jsAsync(TABLES);
        assertEquals(null, tables.get("error"), "both tables load as ES modules");
        assertEquals(List.of(), tables.get("missingInChinese"), "English keys without a Chinese text");
        assertEquals(List.of(), tables.get("onlyInChinese"), "Chinese keys English does not have");
        assertEquals(List.of(), tables.get("emptyInChinese"), "empty Chinese texts");
        assertEquals(List.of(), tables.get("otherParams"), "texts whose {params} differ between the languages");
        assertEquals(List.of(), tables.get("unknownMarks"), "data-i18n… keys of index.html no table has");
        assertTrue(((Number) tables.get("keys")).intValue() > 100, "the tables were read: " + tables.get("keys"));
        @SuppressWarnings("unchecked")
        List<String> keys = (List<String>) tables.get("englishKeys");
        List<String> codes = Arrays.stream(ErrorCode.values()).map(code -> "error." + code.code())
                .filter(key -> !keys.contains(key)).toList();
        assertEquals(List.of(), codes, "server error codes the page has no text for");

        english.open(base().resolve("diagnostics.html"));
        english.await("document.getElementById('status').dataset.state", "the connection check ran");
        @SuppressWarnings("unchecked")
        Map<String, Object> diagnostics = (Map<String, Object>) english.jsAsync(TABLES);
        assertEquals(List.of(), diagnostics.get("unknownMarks"), "data-i18n… keys of diagnostics.html no table has");
    }

    /** Compares the two tables and the page's marks ({@code data-i18n…}) with them, in the browser. */
    private static final String TABLES = "const done = arguments[arguments.length - 1];"
            + "const at = (path) => import(new URL(path, document.baseURI).href).then(m => m.default);"
            + "Promise.all([at('js/i18n/en.js'), at('js/i18n/zh-CN.js')]).then(([en, zh]) => {"
            + " const params = (text) => (String(text).match(/\\{\\w+\\}/g) || []).sort().join();"
            + " const attrs = ['data-i18n', 'data-i18n-placeholder', 'data-i18n-title', 'data-i18n-aria-label'];"
            + " const marks = [...document.querySelectorAll(attrs.map(a => '[' + a + ']').join())]"
            + "   .flatMap(n => attrs.map(a => n.getAttribute(a)).filter(k => k));"
            + " done({keys: Object.keys(en).length, englishKeys: Object.keys(en),"
            + "  missingInChinese: Object.keys(en).filter(k => !(k in zh)),"
            + "  onlyInChinese: Object.keys(zh).filter(k => !(k in en)),"
            + "  emptyInChinese: Object.keys(zh).filter(k => typeof zh[k] !== 'string' || !zh[k].trim()),"
            + "  otherParams: Object.keys(en).filter(k => k in zh && params(en[k]) !== params(zh[k])),"
            + "  unknownMarks: marks.filter(k => !(k in en))});"
            + "}, (e) => done({error: String(e)}));";

    @Test
    @Order(2)
    void theSwitchChangesTheLanguageAtOnceAndIsRememberedAfterAReload() {
        landing(english);
        assertEquals("en", english.js("return document.documentElement.lang;"));
        assertEquals("Start or join a call", english.text("#landing-title"));
        english.find("#room-input").sendKeys("not a room!");
        english.click("#join-form button");
        new CallPage(english).awaitNotice("bad-room");
        assertTrue(english.text("#notice").startsWith("That is not a room link or id."), english.text("#notice"));

        english.click("button[data-lang='zh-CN']");
        assertEquals("zh-CN", english.js("return document.documentElement.lang;"));
        assertEquals("发起或加入通话", english.text("#landing-title"));
        assertEquals("新建房间", english.text("#new-room-btn"));
        assertEquals("粘贴房间链接或 ID", english.find("#room-input").getAttribute("placeholder"));
        assertTrue(english.text("#notice").startsWith("这不是有效的房间链接或 ID。"), "the notice shown follows: " + english.text("#notice"));
        assertEquals("Duet — 视频通话", english.js("return document.title;"));
        assertEquals("true", english.find("button[data-lang='zh-CN']").getAttribute("aria-pressed"));

        landing(english);
        assertEquals("发起或加入通话", english.text("#landing-title"), "the choice is remembered over navigator.languages");
        english.click("button[data-lang='en']");
        assertEquals("Start or join a call", english.text("#landing-title"));
        landing(english);
        assertEquals("Start or join a call", english.text("#landing-title"), "and so is going back to English");
    }

    @Test
    @Order(3)
    void aChineseBrowserGetsChineseBeforeAndInTheCallAndOnAPhoneTheCallFillsTheScreen() {
        landing(chinese);
        assertTrue(String.valueOf(chinese.js("return navigator.languages.join();")).startsWith("zh"),
                "the browser asks for Chinese: " + chinese.js("return navigator.languages.join();"));
        assertEquals("zh-CN", chinese.js("return document.documentElement.lang;"));
        assertEquals("发起或加入通话", chinese.text("#landing-title"));
        assertEquals("连接检测", chinese.text("#diagnostics-link"));

        String room = freshRoom();
        List<Browser> both = List.of(english, chinese);
        List<CallPage> pages = new ArrayList<>();
        for (Browser browser : both) {
            pages.add(new CallPage(browser).open(base().resolve("?room=" + room)));
            for (int[] size : PHONE) {
                browser.phone(size[0], size[1]);
                browser.screenshot(shot("prejoin", browser, size));
            }
            browser.desktop();
        }
        assertEquals("加入通话", chinese.text("#join-btn"));
        assertEquals("准备好加入 " + room + " 了吗？", chinese.text("#prejoin h2"));
        assertEquals("摄像头", chinese.text("label[for='camera-select']"));
        assertEquals("Join call", english.text("#join-btn"));
        pages.get(0).joinAs("Alice");
        pages.get(1).joinAs("Bob");
        pages.forEach(CallPage::awaitConnected);
        call = pages;

        assertEquals("已连接", chinese.text("#call-state"));
        assertEquals("connected", english.text("#call-state"));
        assertEquals("静音", chinese.text("#mic-btn"));
        assertEquals("关闭麦克风（快捷键 M）", chinese.find("#mic-btn").getAttribute("title"));
        assertEquals("关闭摄像头（快捷键 V）", chinese.find("#cam-btn").getAttribute("title"));
        assertEquals("挂断", chinese.text("#hangup-btn"));
        chinese.await("document.getElementById('path').textContent === '直连（host）'", "the path in Chinese");
        chinese.await("document.getElementById('rtt').textContent.startsWith('往返时延')", "the round-trip time in Chinese");
        english.click("#mic-btn");
        chinese.await("!document.getElementById('peer-mic-off').hidden", "the other side's mute shown");
        assertEquals("已静音", chinese.text("#peer-mic-off"));
        english.click("#mic-btn");

        for (Browser browser : both) {
            browser.await("document.getElementById('remote-video').videoWidth > 0", "the other side's video");
            for (int[] size : PHONE) {
                browser.phone(size[0], size[1]);
                browser.await("innerWidth === " + size[0] + " && innerHeight === " + size[1], "phone viewport");
                assertPhoneLayout(browser, size);
                browser.screenshot(shot("call", browser, size));
            }
        }

        // on the phone: the chat is a drawer, the self-view moves out of the way when pressed
        english.phone(390, 844);
        chinese.phone(390, 844);
        assertFalse(english.visible("#chat-input"), "the chat drawer starts closed");
        english.click("#chat-btn");
        english.await("document.getElementById('chat').getBoundingClientRect().right <= innerWidth + 1", "drawer slid in");
        assertInViewport(english, "#chat-input");
        english.find("#chat-input").sendKeys("你好 M V"); // typed letters are no shortcuts
        english.click("#chat-send");
        chinese.await("document.getElementById('chat-btn').dataset.unread", "the closed drawer shows a new message");
        chinese.click("#chat-btn");
        chinese.await("[...document.querySelectorAll('#chat-log .text')].some(n => n.textContent === '你好 M V')", "message read");
        assertEquals("false", english.find("#mic-btn").getAttribute("aria-pressed"), "M typed in the chat did not mute");
        english.click("#chat-btn");
        english.await("!document.getElementById('chat-input').checkVisibility({visibilityProperty: true})", "drawer closed");

        assertEquals("bottom-right", english.find("#local-video").getAttribute("data-corner"));
        Number before = (Number) english.js("return document.getElementById('local-video').getBoundingClientRect().left;");
        english.click("#local-video");
        assertEquals("bottom-left", english.find("#local-video").getAttribute("data-corner"));
        english.await("document.getElementById('local-video').getBoundingClientRect().left < " + before, "self-view moved left");
        assertInViewport(english, "#local-video");
        english.click("#local-video");
        english.await("document.getElementById('local-video').getBoundingClientRect().top < innerHeight / 2", "then to the top");
        assertInViewport(english, "#local-video");
        english.desktop();
        chinese.desktop();
    }

    private static final int[][] PHONE = {{390, 844}, {844, 390}};

    private static String shot(String view, Browser browser, int[] size) {
        return "phone-" + view + "-" + (browser == chinese ? "zh" : "en") + "-" + (size[0] < size[1] ? "portrait" : "landscape");
    }

    /** The remote video covers the screen; every control is on it, in the lower part (thumb reach); the self-view too. */
    private static void assertPhoneLayout(Browser browser, int[] size) {
        String where = browser == chinese ? "zh " : "en ";
        where += size[0] + "x" + size[1];
        double covered = ((Number) browser.js("const r = document.getElementById('remote-video').getBoundingClientRect();"
                + " return Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0))"
                + "  * Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0)) / (innerWidth * innerHeight);"))
                .doubleValue();
        assertTrue(covered > 0.95, where + ": the remote video covers " + covered + " of the screen");
        @SuppressWarnings("unchecked")
        List<String> controls = (List<String>) browser.js("return [...document.querySelectorAll('#call .controls > *')]"
                + ".filter(n => n.getClientRects().length > 0).map(n => n.id);");
        assertTrue(controls.containsAll(List.of("mic-btn", "cam-btn", "chat-btn", "hangup-btn")), where + ": " + controls);
        for (String id : controls) {
            assertInViewport(browser, "#" + id);
            Number top = (Number) browser.js("return document.getElementById(arguments[0]).getBoundingClientRect().top / innerHeight;", id);
            assertTrue(top.doubleValue() > 0.6, where + ": #" + id + " in the lower part of the screen, at " + top);
        }
        assertInViewport(browser, "#local-video");
        browser.await("(() => { const v = document.getElementById('local-video').getBoundingClientRect();"
                + " const bar = document.querySelector('#call .controls').getBoundingClientRect();"
                + " return v.bottom <= bar.top + 1; })()", where + ": the self-view stays above the controls");
        assertFalse(browser.visible(".bar"), where + ": no page header over the call");
        browser.await("document.getElementById('peer-name').getBoundingClientRect().top"
                + " >= document.querySelector('#call .status').getBoundingClientRect().bottom", where + ": the name below the status line");
    }

    private static void assertInViewport(Browser browser, String css) {
        assertEquals(Boolean.TRUE, browser.js("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                + " return r.width > 0 && r.height > 0 && r.left >= -1 && r.top >= -1"
                + "  && r.right <= innerWidth + 1 && r.bottom <= innerHeight + 1;", css),
                css + " within the viewport: " + browser.js("return JSON.stringify(document.querySelector(arguments[0])"
                        + ".getBoundingClientRect()) + ' in ' + innerWidth + 'x' + innerHeight;", css));
    }

    @Test
    @Order(4)
    void everyControlIsReachableByTabWithAFocusRingAndMAndVToggleButNotWhileTyping() {
        inCall();
        english.click(".bar h1"); // Tab goes on from here, through the page in order
        List<String> reached = new ArrayList<>();
        List<String> noRing = new ArrayList<>();
        for (int i = 0; i < 30 && !reached.contains("chat-send"); i++) {
            english.keys(Keys.TAB);
            @SuppressWarnings("unchecked")
            Map<String, Object> focus = (Map<String, Object>) english.js("const el = document.activeElement;"
                    + " const style = getComputedStyle(el);"
                    + " return {name: el.id || el.dataset.lang || el.tagName, ring: el.matches(':focus-visible')"
                    + "  && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};");
            reached.add((String) focus.get("name"));
            if (!Boolean.TRUE.equals(focus.get("ring"))) {
                noRing.add((String) focus.get("name"));
            }
        }
        assertTrue(reached.containsAll(List.of("diagnostics-link", "en", "zh-CN", "local-video", "mic-btn", "cam-btn",
                "screen-btn", "call-camera-select", "call-mic-select", "hangup-btn", "chat-input", "chat-send")), "reached: " + reached);
        assertEquals(List.of(), noRing, "focused without a visible focus ring; reached: " + reached);

        assertEquals("Mute microphone (shortcut M)", english.find("#mic-btn").getAttribute("title"));
        assertEquals("Turn camera off (shortcut V)", english.find("#cam-btn").getAttribute("title"));
        english.js("document.activeElement.blur();");
        english.keys("m");
        assertEquals("true", english.find("#mic-btn").getAttribute("aria-pressed"), "M mutes");
        assertEquals("Unmute", english.text("#mic-btn"));
        assertEquals("Unmute microphone (shortcut M)", english.find("#mic-btn").getAttribute("title"));
        chinese.await("!document.getElementById('peer-mic-off').hidden", "the other side sees the mute");
        english.keys("v");
        assertEquals("true", english.find("#cam-btn").getAttribute("aria-pressed"), "V turns the camera off");
        english.keys("M", "V");
        assertEquals("false", english.find("#mic-btn").getAttribute("aria-pressed"), "M again unmutes");
        assertEquals("false", english.find("#cam-btn").getAttribute("aria-pressed"), "V again turns it on");

        english.click("#chat-input");
        english.keys("mv");
        assertEquals("mv", english.find("#chat-input").getAttribute("value"));
        assertEquals("false", english.find("#mic-btn").getAttribute("aria-pressed"), "no shortcut while typing");
        assertEquals("false", english.find("#cam-btn").getAttribute("aria-pressed"), "no shortcut while typing");
        english.find("#chat-input").clear();
    }

    @Test
    @Order(5)
    void hangingUpAndAFullRoomAreToldInChineseByTheServersErrorCode() {
        inCall();
        english.click("#hangup-btn");
        CallPage bob = call.get(1);
        bob.awaitNotice("peer-left");
        assertEquals("Alice已挂断。你可以留在这里等对方回来。", chinese.text("#notice"));
        assertEquals("等待中", chinese.text("#call-state"));
        chinese.click("#hangup-btn");
        assertEquals("你已离开通话", chinese.text("#ended-title"));
        assertEquals("重新加入", chinese.text("#rejoin-btn"));
        call = null;

        String room = freshRoom();
        try (SignalClient first = SignalClient.join(signal(room), "Ann");
             SignalClient second = SignalClient.join(signal(room), "Ben")) {
            CallPage carol = new CallPage(chinese).join(base(), room, "Carol");
            carol.awaitNotice("room-full");
            assertEquals("这个房间已满：已经有两个人在通话了。请向对方要一个新链接，或者新建一个房间。", chinese.text("#notice"));
            assertEquals("房间已满", chinese.text("#ended-title"));
            assertFalse(chinese.visible("#rejoin-btn"), "no Rejoin into a full room");
            assertEquals("发起新通话", chinese.text("#ended a[href='./']"));
            chinese.screenshot("zh-room-full");
        }
    }

    /** The shared call, made again if an earlier test did not (it ran alone, or failed before). */
    private void inCall() {
        if (call == null || !"connected".equals(call.get(0).callState()) || !"connected".equals(call.get(1).callState())) {
            call = CallPage.call(base(), freshRoom(), english, chinese);
        }
    }
}
