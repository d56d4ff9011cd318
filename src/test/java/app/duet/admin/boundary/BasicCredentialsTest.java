package app.duet.admin.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    private static String basic(String text) {
        return "Basic " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nameAndPasswordSplitAtTheFirstColonInUtf8() {
        UsernamePasswordCredential credential = BasicCredentials.of(basic("Zoë:pa:ss wörd")).orElseThrow();
        assertEquals("Zoë", credential.getCaller());
        assertEquals("pa:ss wörd", credential.getPasswordAsString());
        assertEquals("admin", BasicCredentials.of("bAsIc " + basic("admin:x").substring(6)).orElseThrow().getCaller());
        assertEquals("", BasicCredentials.of(basic(":x")).orElseThrow().getCaller());
    }

    @Test
    void anythingElseIsNoCredential() {
        for (String header : new String[] {null, "", "Basic", "Basic ", "Bearer abc", "Basic !!!", basic("no-colon"), "Digest x"}) {
            assertTrue(BasicCredentials.of(header).isEmpty(), String.valueOf(header));
        }
    }
}
