package app.duet.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.admin.ViewerAccounts;
import app.duet.testing.Await;
import app.duet.testing.Browser;
import app.duet.testing.CallPage;
import app.duet.testing.DeployedDuet;
import app.duet.testing.Deployments;
import app.duet.testing.Http;
import app.duet.testing.JsonText;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin console (admin.html) in one Chromium, as an operator uses it: signing in (a wrong
 * password and a non-admin account refused, never the browser's own password dialog), a live call
 * of two more Chromium pages seen and closed from the console, that call in the history and in the
 * downloaded CSV, TURN users added and deleted, a TURN secret rotated; screenshots of every view at
 * desktop (1280x800) and phone (390x844) size in target/screenshots/admin-*.png. Each test signs
 * in afresh; they share the console's browser.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminConsoleIT {

    static final String ADMIN_PASSWORD = DeployedDuet.ADMIN_PASSWORD;

    static Browser console;
    static Path downloads;

    /** With a "viewer" account to be refused; so not DeployedDuet's deployment (Arquillian takes one a class). */
    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.duet().addClass(ViewerAccounts.class);
    }

    @ArquillianResource
    URL deployed;

    URI base() {
        return Deployments.base(deployed);
    }

    Http admin() {
        return Http.as(base(), "admin", ADMIN_PASSWORD);
    }

    @BeforeAll
    static void browser() throws Exception {
        downloads = Files.createTempDirectory("duet-admin-downloads");
        // chromedriver sets a headless Chromium's download directory from these preferences
        console = new Browser(options -> options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(), "download.prompt_for_download", false)));
    }

    @AfterAll
    static void closeBrowser() {
        console.close();
    }

    private void openConsole() {
        console.open(base().resolve("admin.html"));
        console.await("document.body.dataset.signedIn === 'true' || !document.getElementById('sign-in').hidden", "the console loaded");
        if ("true".equals(console.js("return document.body.dataset.signedIn;"))) {
            console.click("#sign-out");
        }
    }

    private void signIn(String name, String password) {
        console.find("#sign-in-name").clear();
        console.find("#sign-in-name").sendKeys(name);
        console.find("#sign-in-password").clear();
        console.find("#sign-in-password").sendKeys(password);
        console.click("#sign-in button[type=submit]");
    }

    private void signInAsAdmin() {
        openConsole();
        signIn("admin", ADMIN_PASSWORD);
        console.await("document.body.dataset.signedIn === 'true'", "signed in");
    }

    /** Reloads the page and waits for the new document's script to have run. */
    private void reload() {
        console.js("window.beforeReload = true; location.reload();");
        console.await("!window.beforeReload && (document.body.dataset.signedIn === 'true'"
                + " || !document.getElementById('sign-in').hidden)", "the console reloaded");
    }

    private void awaitNotice(String code) {
        console.await("!document.getElementById('notice').hidden && document.getElementById('notice').dataset.code === '"
                + code + "'", "notice " + code);
    }

    private void view(String name) {
        console.click("#views a[href='#" + name + "']");
        console.await("!document.querySelector(\"section[data-view='" + name + "']\").hidden", "view " + name);
    }

    /** A screenshot at desktop size and one at phone size, of what the console shows now. */
    private void shots(String name) {
        console.screenshot("admin-" + name + "-desktop");
        console.phone(390, 844);
        try {
            assertEquals(Boolean.TRUE, console.js("return document.documentElement.scrollWidth <= window.innerWidth;"),
                    name + ": nothing wider than the phone's screen");
            console.screenshot("admin-" + name + "-phone");
        } finally {
            console.desktop();
        }
    }

    @Test
    void signInRefusesAWrongPasswordAndANonAdminNeverRaisesTheBrowsersDialogAndSignsOut() throws Exception {
        try (AuthChallenges challenges = new AuthChallenges(console)) {
            openConsole();
            shots("sign-in");
            signIn("admin", "not-the-password");
            awaitNotice("unauthorized");
            assertTrue(console.text("#notice").contains("Wrong name or password"), console.text("#notice"));
            signIn("viewer", "viewer-password");
            awaitNotice("forbidden");
            assertTrue(console.text("#notice").contains("not an admin"), console.text("#notice"));
            assertEquals("false", console.js("return document.body.dataset.signedIn;"));
            assertEquals(List.of(), challenges.challenged(), "the console's refused requests raise no password dialog");

            signIn("admin", ADMIN_PASSWORD);
            console.await("document.body.dataset.signedIn === 'true'", "signed in");
            console.await("document.getElementById('rooms-count').textContent !== ''", "the live rooms shown");
            assertEquals("admin", console.text("#account-name"));
            reload();
            console.await("document.body.dataset.signedIn === 'true'", "still signed in after a reload (same tab)");

            console.click("#sign-out");
            awaitNotice("signed-out");
            assertTrue(console.visible("#sign-in"));
            assertEquals(Boolean.TRUE, console.js("return sessionStorage.length === 0 && localStorage.getItem('duet.admin.credentials') === null;"),
                    "the credentials are gone");
            reload();
            console.await("!document.getElementById('sign-in').hidden", "a reload after signing out asks again");

            // the check above can fail: a navigation to the API is challenged
            console.open(base().resolve("api/admin/rooms"));
            Await.until("the browser challenged a navigation to the API", () -> !challenges.challenged().isEmpty());
        }
    }

    @Test
    void aLiveCallIsSeenClosedFoundInTheHistoryAndTheCsv() throws Exception {
        String room = "it-" + UUID.randomUUID();
        signInAsAdmin();
        try (Browser first = new Browser(); Browser second = new Browser()) {
            List<CallPage> call = CallPage.call(base(), room, first, second);
            // each page reports its path and set-up time once connected (quality.js)
            Await.until("both pages' paths and set-up times in the history", () -> JsonText.object(admin()
                    .get("api/admin/calls?room=" + room)).getJsonArray("items").stream().map(JsonValue::asJsonObject)
                    .anyMatch(c -> !c.isNull("firstPath") && !c.isNull("secondPath")
                            && c.containsKey("firstSetupMs") && c.containsKey("secondSetupMs")));
            view("rooms");
            String row = "document.querySelector(\"#rooms-list tr[data-room='" + room + "']\")";
            console.await(row + " && " + row + ".textContent.includes('Alice') && " + row + ".textContent.includes('Bob')"
                    + " && " + row + ".textContent.includes('in a call')", "the live room with both peers");
            shots("rooms");
            console.find("#rooms-list tr[data-room='" + room + "'] button").click();
            console.await("document.getElementById('confirm').open", "asked to confirm");
            console.click("#confirm-ok");
            for (CallPage side : call) {
                side.awaitNotice("room-closed");
            }
            console.await("!" + row, "the room gone from the list");
        }

        view("calls");
        console.find("#calls-filter input[name=room]").sendKeys(room);
        console.click("#calls-filter button[type=submit]");
        String call = "document.querySelector(\"#calls-list tr[data-room='" + room + "']\")";
        console.await(call, "the call in the history");
        String text = (String) console.js("return " + call + ".textContent;");
        assertTrue(text.contains("closed-by-admin") && text.contains("Alice") && text.contains("Bob"), text);
        JsonObject stored = JsonText.object(admin().get("api/admin/calls?room=" + room)).getJsonArray("items").getJsonObject(0);
        assertEquals(2, ((Number) console.js("return " + call + ".querySelectorAll(\".path[data-path='host']\").length;")).intValue(),
                "both sides' path shown: " + text);
        for (String side : List.of("first", "second")) { // the quality figures as stored
            assertTrue(text.contains("set-up " + stored.getInt(side + "SetupMs") + " ms"), side + ": " + text);
            if (stored.containsKey(side + "RttMs") && !stored.isNull(side + "RttMs")) {
                assertTrue(text.contains("RTT " + stored.getInt(side + "RttMs") + " ms"), side + ": " + text);
            }
        }
        shots("history");

        console.click("#calls-export");
        Path csv = downloads.resolve("duet-calls.csv");
        Await.until("the CSV downloaded (notice: " + console.text("#notice") + ")", () -> Files.exists(csv) && Files.size(csv) > 0
                && Files.list(downloads).noneMatch(f -> f.toString().endsWith(".crdownload")));
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertTrue(lines.get(0).startsWith("\"id\",\"room\",\"started_at\""), lines.get(0));
        assertEquals(2, lines.size(), "the header and the one call of the room: " + lines);
        assertTrue(lines.get(1).startsWith("\"" + stored.getString("id") + "\",\"" + room + "\""), lines.get(1));
        assertTrue(lines.get(1).contains("\"Alice\",\"Bob\"") && lines.get(1).contains("\"closed-by-admin\""), lines.get(1));
        List<String> header = List.of(lines.get(0).replace("\"", "").split(","));
        List<String> cells = List.of(lines.get(1).replace("\"", "").split(",", -1));
        assertEquals(String.valueOf(stored.getInt("firstSetupMs")), cells.get(header.indexOf("first_setup_ms")), lines.toString());
        assertEquals(String.valueOf(stored.getInt("secondSetupMs")), cells.get(header.indexOf("second_setup_ms")), lines.toString());

        view("charts");
        console.await("document.querySelectorAll('#charts svg').length === 4", "four charts drawn");
        assertTrue(console.text("#charts-status").matches("\\d+ calls? in the last 30 days"), console.text("#charts-status"));
        shots("charts");
    }

    @Test
    void turnUsersAreAddedAndDeletedAndASecretIsRotated() {
        signInAsAdmin();
        view("turn");
        String name = "console-" + UUID.randomUUID().toString().substring(0, 8);
        console.find("#turn-user-form input[name=name]").sendKeys(name);
        console.find("#turn-user-form input[name=password]").sendKeys("relay-pass-1");
        console.find("#turn-user-form input[name=note]").sendKeys("added from the console");
        console.click("#turn-user-form button[type=submit]");
        String user = "document.querySelector(\"#turn-users-list tr[data-user='" + name + "']\")";
        console.await(user, "the new user listed");
        assertTrue(admin().turnUserNames(null).contains(name));

        console.find("#turn-users-list tr[data-user='" + name + "'] button:not(.danger)").click();
        console.await("document.getElementById('password-dialog').open", "asked for the new password");
        console.find("#password-new").sendKeys("relay-pass-2");
        console.click("#password-ok");
        console.await("document.getElementById('notice').textContent.includes('changed')", "password changed");

        assertEquals(201, admin().post("api/admin/turn-secrets", "{}").statusCode(), "a secret to rotate away from");
        Set<String> before = secretIds();
        console.click("#turn-secret-add");
        console.await("document.getElementById('turn-secret-value')", "the new secret shown once");
        Set<String> added = secretIds();
        added.removeAll(before);
        assertEquals(1, added.size(), "one secret added");
        String fresh = added.iterator().next();
        console.await("document.querySelector(\"#turn-secrets-list tr[data-secret='" + fresh + "']\")", "the new secret listed");
        shots("turn");
        for (String old : before) { // retire the others: the rotation's second half
            console.find("#turn-secrets-list tr[data-secret='" + old + "'] button").click();
            console.await("document.getElementById('confirm').open", "asked to confirm");
            console.click("#confirm-ok");
            console.await("!document.querySelector(\"#turn-secrets-list tr[data-secret='" + old + "']\")", "retired " + old);
        }
        assertEquals(Set.of(fresh), secretIds(), "only the new secret is left");

        console.find("#turn-users-list tr[data-user='" + name + "'] button.danger").click();
        console.await("document.getElementById('confirm').open", "asked to confirm");
        console.click("#confirm-ok");
        console.await("!" + user, "the user gone from the list");
        assertFalse(admin().turnUserNames(null).contains(name));
    }

    @Test
    void anInviteLinkIsMadeAndTheWebhooksViewShows() {
        signInAsAdmin();
        view("invites");
        String room = "invite-" + UUID.randomUUID().toString().substring(0, 8);
        console.find("#invite-form input[name=room]").sendKeys(room);
        console.find("#invite-form input[name=name]").sendKeys("Ann");
        console.click("#invite-form button[type=submit]");
        console.await("document.getElementById('invite-url')", "the link shown");
        String url = (String) console.js("return document.getElementById('invite-url').value;");
        assertTrue(url.contains("room=" + room) && url.contains("token="), url);
        shots("invites");
        view("webhooks");
        console.await("document.getElementById('webhooks-status').textContent !== ''", "the webhook status shown");
        shots("webhooks");
    }

    private Set<String> secretIds() {
        return JsonText.array(admin().get("api/admin/turn-secrets")).stream().map(JsonValue::asJsonObject)
                .map(s -> s.getString("id")).collect(Collectors.toSet());
    }
}
