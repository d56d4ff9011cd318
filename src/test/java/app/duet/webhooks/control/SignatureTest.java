package app.duet.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SignatureTest {

    static final String SECRET = "whsec-test-0123456789abcdefghijklmnopqrstuv";
    static final String BODY = "{\"id\":\"e1\",\"type\":\"call.started\",\"room\":\"café\"}";

    /**
     * The expected value is Python's: {@code hmac.new(secret.encode(), (str(t) + '.' + body).encode('utf-8'),
     * hashlib.sha256).hexdigest()}, the recipe README gives receivers, on a body with a non-ASCII character.
     */
    @Test
    void signsTheTimestampAndTheBodyAsPythonsHmacDoes() {
        assertEquals("t=1700000000,v1=5c80bf00471bd66f09fe65da3a0edaf53577f7d55d7025847f3d34d077050cbf",
                Signature.header(SECRET, 1_700_000_000L, BODY));
    }

    @Test
    void anotherTimeOrBodyOrSecretSignsDifferently() {
        String header = Signature.header(SECRET, 1_700_000_000L, BODY);
        String v1 = header.substring(header.indexOf("v1="));
        assertNotEquals(v1, v(Signature.header(SECRET, 1_700_000_001L, BODY)));
        assertNotEquals(v1, v(Signature.header(SECRET, 1_700_000_000L, BODY + " ")));
        assertNotEquals(v1, v(Signature.header(SECRET + "x", 1_700_000_000L, BODY)));
    }

    private static String v(String header) {
        return header.substring(header.indexOf("v1="));
    }
}
