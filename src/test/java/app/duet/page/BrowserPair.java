package app.duet.page;

import app.duet.testing.Browser;
import app.duet.testing.CallPage;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two browsers for each test of a class ({@code @RegisterExtension static}): launched before each
 * test, closed after it. Sharing them across tests was tried and is not safe: after a test that
 * replaced or stopped tracks, Chromium's fake camera sometimes gave a later page of the same
 * browser no video (seen in a CI-like run: "alice sees bob's video" after the room-closed test).
 * A headless launch costs about a second.
 */
final class BrowserPair implements BeforeEachCallback, AfterEachCallback {

    private Browser first;
    private Browser second;

    @Override
    public void beforeEach(ExtensionContext context) {
        first = new Browser();
        second = new Browser();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            first.close();
        } finally {
            second.close();
        }
    }

    /** Both browsers in a call in {@code room}: [Alice, Bob], both connected. */
    List<CallPage> call(URI base, String room) {
        return CallPage.call(base, room, first, second);
    }

    /** Both browsers in a call through their invite links, in order: both connected. */
    List<CallPage> callByInvites(URI firstLink, URI secondLink) {
        return CallPage.callByInvites(firstLink, secondLink, first, second);
    }

    /** The first browser, for a page of its own (the second stays unused). */
    Browser first() {
        return first;
    }

    /** The second browser (e.g. to prepare it before its page opens). */
    Browser second() {
        return second;
    }
}
