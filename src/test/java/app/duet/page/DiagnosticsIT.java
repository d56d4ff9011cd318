package app.duet.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Browser;
import app.duet.testing.Coturn;
import app.duet.testing.MicroServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The connection check page against a real coturn: a relay candidate and a verdict per server. */
class DiagnosticsIT {

    static final Path DIR = Path.of("target", "diagnostics");
    static MicroServer server;

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String check(Browser browser) {
        browser.open(server.base().resolve("diagnostics.html"));
        browser.await("document.getElementById('status').dataset.state === 'done'", "check done", java.time.Duration.ofSeconds(30));
        return (String) browser.js("return [...document.querySelectorAll('#verdicts li')].map(li =>"
                + " li.dataset.verdict + ' ' + li.dataset.code + ' ' + li.textContent).join('\\n');");
    }

    @Test
    void aWorkingTurnServerShowsARelayCandidateAndWrongCredentialsShow401() {
        try (Coturn coturn = new Coturn(DIR.resolve("coturn"))) {
            coturn.start("use-auth-secret", "static-auth-secret=diag-secret", "realm=duet");
            startServerFor(coturn);
            try (Browser browser = new Browser()) {
                String verdicts = check(browser);
                assertTrue(verdicts.startsWith("works "), verdicts);
                assertTrue(verdicts.contains("TURN works"), verdicts);
                assertTrue(((Number) browser.js("return [...document.querySelectorAll('#candidates tbody tr')]"
                        + ".filter(tr => tr.cells[0].textContent === 'relay' && tr.cells[2].textContent === '127.0.0.1').length;"))
                        .intValue() > 0, "a relay candidate on the TURN server's address is listed");
                browser.screenshot("diagnostics-works");
            }
            coturn.close(); // the same port, now with a secret Duet does not know
            coturn.start("use-auth-secret", "static-auth-secret=another-secret", "realm=duet");
            try (Browser browser = new Browser()) {
                String verdicts = check(browser);
                assertTrue(verdicts.startsWith("failed 401"), verdicts);
                assertTrue(verdicts.contains("failed: 401"), verdicts);
            }
        }
    }

    /** The TURN port is only known once coturn has one: start Duet with it. */
    private static void startServerFor(Coturn coturn) {
        server = new MicroServer(DIR.resolve("payara"), List.of("-Dduet.turn.urls=" + coturn.url(),
                "-Dduet.turn.secret=diag-secret"), Map.of()).start();
    }
}
