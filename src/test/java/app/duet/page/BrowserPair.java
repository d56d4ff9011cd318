package app.duet.page;

import app.duet.testing.Browser;
import app.duet.testing.CallPage;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two browsers shared by every test of a class ({@code @RegisterExtension static}): launched
 * before the first test, closed after the last. Each call goes to a fresh room, and opening it
 * leaves whatever room the browser was in.
 */
final class BrowserPair implements BeforeAllCallback, AfterAllCallback {

    private Browser first;
    private Browser second;

    @Override
    public void beforeAll(ExtensionContext context) {
        first = new Browser();
        second = new Browser();
    }

    @Override
    public void afterAll(ExtensionContext context) {
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
}
