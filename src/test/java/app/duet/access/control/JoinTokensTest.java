package app.duet.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.access.entity.JoinGrant;
import app.duet.access.entity.TokenRefused;
import app.duet.access.entity.TokenRefused.Reason;
import app.duet.testing.JwksServer;
import app.duet.testing.Tokens;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JoinTokensTest {

    static final String SECRETS = Tokens.SECRET + "," + Tokens.ROTATED_SECRET;
    static final String PEM = "src/test/resources/tokens/es256-public.pem";

    static JoinTokens tokens(Map<String, String> settings) {
        return new JoinTokens(AccessSettings.of(settings));
    }

    static final JoinTokens HS = tokens(Map.of("token.secrets", SECRETS));

    static Reason refusal(JoinTokens tokens, String token) {
        return assertThrows(TokenRefused.class, () -> tokens.verify(token)).reason();
    }

    @Test
    void aTokenSignedWithEitherListedSecretGrantsItsRoomNameAndUser() throws Exception {
        JoinGrant grant = HS.verify(Tokens.forRoom("r1", "  Ann  ", "user-42"));
        assertEquals("r1", grant.room());
        assertEquals("Ann", grant.name());
        assertEquals("user-42", grant.user());
        assertTrue(grant.admits("r1") && !grant.admits("r2"));
        JoinGrant rotated = HS.verify(Tokens.hs256(Tokens.ROTATED_SECRET, c -> c.claim("room", "*")));
        assertTrue(rotated.admits("any-room"));
        assertNull(rotated.name());
        assertNull(rotated.user());
    }

    @Test
    void refusesWhatIsMissingExpiredForgedUnsignedOrMalformed() {
        assertEquals(Reason.MISSING, refusal(HS, null));
        assertEquals(Reason.MISSING, refusal(HS, " "));
        assertEquals(Reason.EXPIRED, refusal(HS, Tokens.hs256(Tokens.SECRET, c -> c.claim("room", "r")
                .expirationTime(Date.from(Instant.now().minusSeconds(31))))));
        assertEquals(Reason.INVALID, refusal(HS, Tokens.hs256("an-unknown-secret-of-enough-length-0123456789", c -> c.claim("room", "r"))));
        assertEquals(Reason.INVALID, refusal(HS, Tokens.unsigned("r")));
        assertEquals(Reason.INVALID, refusal(HS, "not.a.token"));
        assertEquals(Reason.INVALID, refusal(HS, "x".repeat(10_000)));
        // the required claims, and their types
        assertEquals(Reason.INVALID, refusal(HS, Tokens.hs256(Tokens.SECRET, c -> c.claim("name", "no room"))));
        assertEquals(Reason.INVALID, refusal(HS, Tokens.hs256(Tokens.SECRET, c -> c.claim("room", 7))));
        assertEquals(Reason.INVALID, refusal(HS, Tokens.hs256(Tokens.SECRET, c -> c.claim("room", "r").expirationTime(null))));
        assertEquals(Reason.INVALID, refusal(HS, Tokens.hs256(Tokens.SECRET, c -> c.claim("room", "r").claim("name", "x".repeat(65)))));
        assertEquals(Reason.INVALID, refusal(HS, Tokens.hs256(Tokens.SECRET, c -> c.claim("room", "r").claim("uses", 2))),
                "a counted token needs a jti");
        // not yet valid, past the leeway
        assertEquals(Reason.INVALID, refusal(HS, Tokens.hs256(Tokens.SECRET, c -> c.claim("room", "r")
                .notBeforeTime(Date.from(Instant.now().plusSeconds(120))))));
    }

    @Test
    void allowsThirtySecondsOfClockSkew() throws Exception {
        HS.verify(Tokens.hs256(Tokens.SECRET, c -> c.claim("room", "r").expirationTime(Date.from(Instant.now().minusSeconds(20)))));
        HS.verify(Tokens.hs256(Tokens.SECRET, c -> c.claim("room", "r").notBeforeTime(Date.from(Instant.now().plusSeconds(20)))));
    }

    @Test
    void onlyTheConfiguredAlgorithmsVerify() throws Exception {
        // HS384 with a listed secret: an algorithm not configured
        SignedJWT hs384 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS384), claims("r"));
        hs384.sign(new MACSigner((Tokens.SECRET + Tokens.SECRET).getBytes(StandardCharsets.UTF_8)));
        assertEquals(Reason.INVALID, refusal(tokens(Map.of("token.secrets", Tokens.SECRET + Tokens.SECRET)), hs384.serialize()));
        // ES256 without public keys configured
        assertEquals(Reason.INVALID, refusal(HS, Tokens.es256(c -> c.claim("room", "r"))));
        // with the public key, ES256 verifies and HS256 does not (no secret)
        JoinTokens es = tokens(Map.of("token.public.keys", PEM));
        assertEquals("r", es.verify(Tokens.es256(c -> c.claim("room", "r"))).room());
        assertEquals(Reason.INVALID, refusal(es, Tokens.forRoom("r")));
    }

    @Test
    void checksAudienceAndIssuerWhenSet() throws Exception {
        JoinTokens strict = tokens(Map.of("token.secrets", SECRETS, "token.audience", "duet", "token.issuer", "https://app.example"));
        strict.verify(Tokens.hs256(Tokens.SECRET, c -> c.claim("room", "r").audience("duet").issuer("https://app.example")));
        assertEquals(Reason.INVALID, refusal(strict, Tokens.hs256(Tokens.SECRET, c -> c.claim("room", "r").audience("other").issuer("https://app.example"))));
        assertEquals(Reason.INVALID, refusal(strict, Tokens.hs256(Tokens.SECRET, c -> c.claim("room", "r").issuer("https://app.example"))));
        assertEquals(Reason.INVALID, refusal(strict, Tokens.hs256(Tokens.SECRET, c -> c.claim("room", "r").audience("duet").issuer("https://evil.example"))));
    }

    @Test
    void rs256KeysComeFromAJwksUrlFetchedOnceAndCached() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        try (JwksServer server = JwksServer.start(key)) {
            JoinTokens rs = tokens(Map.of("token.public.keys", server.url()));
            for (int i = 0; i < 3; i++) {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims("r" + i));
                jwt.sign(new RSASSASigner(key));
                assertEquals("r" + i, rs.verify(jwt.serialize()).room());
            }
            assertEquals(1, server.fetches(), "the key set is cached");
            SignedJWT other = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims("r"));
            other.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));
            assertEquals(Reason.INVALID, refusal(rs, other.serialize()));
        }
    }

    @Test
    void keysOfTheSettingsNeverWaitForAJwksUrlNorFailWhileItIsDown() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        JoinTokens both;
        try (JwksServer server = JwksServer.start(key)) {
            both = tokens(Map.of("token.secrets", SECRETS, "token.public.keys", PEM + "," + server.url()));
            assertTrue(both.mayWait());
            assertEquals("r", both.verify(Tokens.es256(c -> c.claim("room", "r"))).room());
            assertEquals("r", both.verify(Tokens.forRoom("r")).room());
            assertEquals(0, server.fetches(), "a token a configured key verifies fetches nothing");
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims("r"));
            jwt.sign(new RSASSASigner(key));
            assertEquals("r", both.verify(jwt.serialize()).room());
            assertEquals(1, server.fetches(), "the JWKS is asked for a token no configured key verifies");
        }
        assertEquals("r", both.verify(Tokens.es256(c -> c.claim("room", "r"))).room(), "with the JWKS gone too");
        assertEquals(Reason.EXPIRED, refusal(both, Tokens.es256(c -> c.claim("room", "r")
                .expirationTime(new Date(System.currentTimeMillis() - 3_600_000)))), "a claim refused is not tried again elsewhere");
        assertFalse(tokens(Map.of("token.public.keys", PEM)).mayWait());
    }

    @Test
    void aBadKeySettingStopsTheStartWithItsName(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "hello");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> tokens(Map.of("token.public.keys", junk.toString())));
        assertTrue(e.getMessage().contains("duet.token.public.keys"), e.getMessage());
        IllegalStateException shortSecret = assertThrows(IllegalStateException.class, () -> tokens(Map.of("token.secrets", "short")));
        assertTrue(shortSecret.getMessage().contains("at least 32 bytes") && !shortSecret.getMessage().contains("'short'"),
                "names the rule, never the secret: " + shortSecret.getMessage());
        assertThrows(IllegalStateException.class, () -> AccessSettings.of(Map.of("access", "token")),
                "token mode without any key");
    }

    @Test
    void invitesAreTokensThisServerVerifies() throws Exception {
        String token = HS.mint("room-1", "Ann", Instant.now().plus(Duration.ofHours(1)), 2L);
        JoinGrant grant = HS.verify(token);
        assertEquals("room-1", grant.room());
        assertEquals("Ann", grant.name());
        assertEquals(2, grant.uses());
        assertTrue(grant.usesId() != null);
    }

    private static JWTClaimsSet claims(String room) {
        return new JWTClaimsSet.Builder().claim("room", room).expirationTime(Date.from(Instant.now().plusSeconds(60))).build();
    }
}
