package app.duet.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Await;
import app.duet.testing.Deployments;
import app.duet.testing.Http;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The admin login under attack (issue 13, item 6): the throttle counts attempts in flight, limits
 * guesses at many names as a whole, and is applied on the admin paths only ({@link AccountNamesIT}:
 * names in any case). Password checks are counted by {@code GET api/admin/logins}, read as the
 * admin, whose pair is then remembered ({@code VerifiedLogins}): the reading itself is no check.
 * Portable: HTTP only.
 */
class AdminLoginIT extends AdminApiClient {

    private static final String WRONG = "not-the-password";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.duet().addClass(ViewerAccounts.class);
    }

    /** Password checks so far: read twice, as the first reading may be the admin's first login. */
    private long checks() {
        getObject("api/admin/logins");
        return getObject("api/admin/logins").getJsonNumber("checks").longValue();
    }

    private Requests guessing(String name) {
        return Requests.to(base()).basic(name, WRONG);
    }

    @Test
    void basicCredentialsOnPublicPathsAreNeitherCheckedNorCountedAgainstTheName() {
        Requests wrong = guessing("admin");
        for (int i = 0; i < 6; i++) {
            assertEquals(200, wrong.get("api/health").statusCode(), "a public path ignores the Authorization header");
        }
        assertEquals(200, wrong.get("index.html").statusCode());
        assertEquals(200, admin().get("api/admin/rooms").statusCode(), "six wrong passwords on api/health do not lock admin");
        long before = checks();
        for (int i = 0; i < 3; i++) {
            wrong.get("api/health");
        }
        assertEquals(0, checks() - before, "no password is checked on a public path");
    }

    /**
     * 40 attempts sent at once at a name nobody failed at yet: at most the 5 free failures are
     * checked, the rest refused unchecked; once the 1 s lock has run out, 40 more at once: one is
     * checked (the 6th failure, locking 2 s), none of the others.
     */
    @Test
    void attemptsInFlightCountSoSimultaneousGuessesAreNotAllChecked() {
        long before = checks();
        List<HttpResponse<String>> first = guessing(ViewerAccounts.RACED_ADMIN).burst("api/admin/rooms", 40);
        first.forEach(r -> assertEquals(401, r.statusCode(), r.body()));
        long checked = checks() - before;
        assertTrue(checked <= 5, "40 guesses at once at a fresh name: " + checked + " password checks, expected at most 5");
        Await.pause(1100); // the 1 s lock after the 5th failure runs out
        before = checks();
        List<HttpResponse<String>> second = guessing(ViewerAccounts.RACED_ADMIN).burst("api/admin/rooms", 40);
        second.forEach(r -> assertEquals(401, r.statusCode(), r.body()));
        checked = checks() - before;
        assertTrue(checked <= 1, "40 guesses at once after the lock ran out: " + checked + " password checks, expected at most 1");
    }

    /**
     * 60 guesses at 60 names that are no account, 6 at a time: only about {@code BURST + RATE * s}
     * are checked; the real admin logs in during and after the flood.
     */
    @Test
    void aFloodOfGuessesAtManyNamesIsSlowedAsAWholeWhileTheAdminStillLogsIn() {
        long before = checks();
        long started = System.nanoTime();
        List<Integer> adminAnswers = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sent.add(guessing(unique("nobody-" + round + "-" + i)).sendAsync("GET", "api/admin/rooms", null));
            }
            sent.forEach(f -> assertEquals(401, f.join().statusCode()));
            if (round % 3 == 2) {
                adminAnswers.add(admin().get("api/admin/rooms").statusCode());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long checked = checks() - before;
        long allowed = 10 + Math.round(2 * seconds) + 1;
        assertTrue(checked <= allowed && checked < 60, "60 guesses at unknown names in " + seconds + " s: "
                + checked + " password checks, expected at most " + allowed);
        assertTrue(adminAnswers.stream().allMatch(s -> s == 200), "the admin logged in during the flood: " + adminAnswers);
        assertEquals(200, admin().get("api/admin/rooms").statusCode());
    }

    /**
     * Passwords are hashed by the server's Jakarta Security Pbkdf2PasswordHash, and the hashes
     * stored before keep verifying: {@link ViewerAccounts#LEGACY_ADMIN}'s row holds one of the
     * former form; its password gets in (a password check, not a pair verified lately), no other does.
     */
    @Test
    void anAccountWhoseRowHoldsAHashOfTheFormerFormStillLogsIn() {
        assertEquals(401, as(ViewerAccounts.LEGACY_ADMIN, WRONG).get("api/admin/rooms").statusCode());
        long before = checks();
        Http legacy = as(ViewerAccounts.LEGACY_ADMIN, ViewerAccounts.GUESSED_ADMIN_PASSWORD);
        assertEquals(200, legacy.get("api/admin/rooms").statusCode(), "the former hash verifies");
        assertEquals(1, checks() - before, "its password was checked against the hash");
        assertEquals(200, legacy.get("api/admin/rooms").statusCode(), "and remembered like any other");
        assertEquals(401, as(ViewerAccounts.LEGACY_ADMIN, ViewerAccounts.PASSWORD).get("api/admin/rooms").statusCode());
    }

    /**
     * A console sends several requests at once: 30 at once with the right password all get in,
     * and once the pair passed a check, none of them costs another one (nor counts against the
     * throttle as an attempt in flight).
     */
    @Test
    void aSignedInAdminsParallelRequestsAllGetInWithoutPasswordChecks() {
        Requests console = Requests.to(base()).basic(ViewerAccounts.CONSOLE_ADMIN, ViewerAccounts.GUESSED_ADMIN_PASSWORD);
        assertEquals(200, console.get("api/admin/rooms").statusCode(), "signed in");
        long before = checks();
        List<HttpResponse<String>> answers = console.burst("api/admin/rooms", 30);
        answers.forEach(r -> assertEquals(200, r.statusCode(), r.body()));
        assertEquals(0, checks() - before, "a pair that passed lately is not checked again");
    }
}
