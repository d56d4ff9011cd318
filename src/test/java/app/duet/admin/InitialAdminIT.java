package app.duet.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.testing.Http;
import app.duet.testing.Dirs;
import app.duet.testing.MicroServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Without DUET_ADMIN_PASSWORD, the first start makes a random admin password and logs it, once. */
class InitialAdminIT {

    static final Pattern GENERATED = Pattern.compile("account 'admin' with the password (\\S+) ");

    @Test
    void theFirstStartPrintsAGeneratedPasswordThatWorksAndLaterStartsKeepIt() throws Exception {
        Path root = Path.of("target", "initial-admin", "payara");
        Dirs.clean(root.getParent());
        try (MicroServer server = new MicroServer(root, List.of(), Map.of()).start()) {
            Matcher printed = GENERATED.matcher(server.logText());
            assertTrue(printed.find(), "the generated password is in the log");
            String password = printed.group(1);
            assertEquals(200, Http.as(server.base(), "admin", password).get("api/admin/rooms").statusCode());

            server.stop();
            server.start();
            assertFalse(GENERATED.matcher(server.logText()).find(), "printed once only");
            assertEquals(200, Http.as(server.base(), "admin", password).get("api/admin/rooms").statusCode());
        }
    }
}
