package app.duet.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.function.Consumer;

/**
 * Join tokens as an operator's backend mints them, with the keys the test servers know
 * (src/test/resources/arquillian.xml): the two HS256 secrets of {@code duet.token.secrets}, and
 * the ES256 key whose public half is {@code duet.token.public.keys} on the token-mode servers.
 * Tokens name the audience {@value #AUDIENCE}, which the token-mode servers require.
 */
public final class Tokens {

    public static final String SECRET = "duet-test-token-secret-0123456789abcdef";
    public static final String ROTATED_SECRET = "duet-test-rotated-secret-0123456789abcdef";
    public static final String AUDIENCE = "duet-test";

    private Tokens() {
    }

    /** An HS256 token for {@code room}, valid for a minute, signed with {@link #SECRET}. */
    public static String forRoom(String room) {
        return hs256(SECRET, claims -> claims.claim("room", room));
    }

    /** An HS256 token for {@code room} naming {@code name} and {@code sub}. */
    public static String forRoom(String room, String name, String sub) {
        return hs256(SECRET, claims -> {
            claims.claim("room", room);
            if (name != null) {
                claims.claim("name", name);
            }
            if (sub != null) {
                claims.subject(sub);
            }
        });
    }

    /** An HS256 token with {@code exp} a minute away and whatever else {@code claims} adds. */
    public static String hs256(String secret, Consumer<JWTClaimsSet.Builder> claims) {
        try {
            return sign(new JWSHeader(JWSAlgorithm.HS256), new MACSigner(secret.getBytes(StandardCharsets.UTF_8)), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An ES256 token signed with the test key (src/test/resources/tokens/es256-private.pem). */
    public static String es256(Consumer<JWTClaimsSet.Builder> claims) {
        try {
            return sign(new JWSHeader(JWSAlgorithm.ES256), new ECDSASigner(ecPrivateKey()), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWSHeader header, JWSSigner signer, Consumer<JWTClaimsSet.Builder> claims) throws JOSEException {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(1))))
                .audience(AUDIENCE);
        claims.accept(builder);
        SignedJWT jwt = new SignedJWT(header, builder.build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    /**
     * The port of the JWKS URL the token-mode servers list in {@code duet.token.public.keys}
     * (arquillian.xml): nothing listens there unless a test serves {@link #rsaKey()}'s public half.
     */
    public static final int JWKS_PORT = 18099;

    /** The test RSA key (src/test/resources/tokens/rs256-private.jwk.json), whose kid is in its tokens. */
    public static RSAKey rsaKey() {
        try {
            return RSAKey.parse(Files.readString(Path.of("src/test/resources/tokens/rs256-private.jwk.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RS256 token signed with {@link #rsaKey()}, naming its kid. */
    public static String rs256(Consumer<JWTClaimsSet.Builder> claims) {
        try {
            RSAKey key = rsaKey();
            return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), new RSASSASigner(key), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token with {@code alg: none}: header and claims, no signature. */
    public static String unsigned(String room) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long exp = Instant.now().plus(Duration.ofMinutes(1)).getEpochSecond();
        String claims = b64.encodeToString(("{\"room\":\"" + room + "\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    public static ECPrivateKey ecPrivateKey() {
        try {
            String pem = Files.readString(Path.of("src/test/resources/tokens/es256-private.pem"));
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (ECPrivateKey) KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
