package app.duet.access.control;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import app.duet.platform.control.SettingReader;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.HashSet;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys join tokens may be signed with, by algorithm: HS256 with any of the shared secrets,
 * ES256 (P-256) and RS256 with the configured public keys. Keys of files (PEM public keys, JWKS)
 * are tried whatever {@code kid} a token names; those of a JWKS URL ({@link #fetched}) only when
 * none of them verifies a token, fetched when first needed, cached by the library and chosen by
 * {@code kid}. No other algorithm has a key, so {@code none},
 * HS384, PS256 and the like are refused.
 */
final class TokenKeys implements JWSKeySelector<SecurityContext> {

    private final List<Key> secrets = new ArrayList<>();
    private final List<Key> ecKeys = new ArrayList<>();
    private final List<Key> rsaKeys = new ArrayList<>();
    private final List<JWSKeySelector<SecurityContext>> remote = new ArrayList<>();

    TokenKeys(AccessSettings settings) {
        for (String secret : settings.secrets()) {
            secrets.add(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        }
        for (String entry : settings.publicKeys()) {
            if (entry.startsWith("https://") || entry.startsWith("http://")) {
                remote.add(new JWSVerificationKeySelector<>(new HashSet<>(List.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256)),
                        JWKSourceBuilder.create(url(entry)).build()));
            } else {
                load(Path.of(entry));
            }
        }
    }

    /** Whether checking a token may fetch keys over the network (a JWKS URL is configured). */
    boolean fetches() {
        return !remote.isEmpty();
    }

    /** Whether tokens can be verified at all (some key is configured). */
    boolean any() {
        return !secrets.isEmpty() || !ecKeys.isEmpty() || !rsaKeys.isEmpty() || !remote.isEmpty();
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        JWSAlgorithm algorithm = header.getAlgorithm();
        if (JWSAlgorithm.HS256.equals(algorithm)) {
            return secrets;
        }
        List<Key> keys = new ArrayList<>();
        if (JWSAlgorithm.ES256.equals(algorithm)) {
            keys.addAll(ecKeys);
        } else if (JWSAlgorithm.RS256.equals(algorithm)) {
            keys.addAll(rsaKeys);
        } else {
            return List.of();
        }
        return keys;
    }

    /**
     * The keys of the JWKS URLs, fetched when needed: asked only for a token no key of the settings
     * verifies, so that such tokens never wait on the network, nor fail while a JWKS cannot be fetched.
     */
    JWSKeySelector<SecurityContext> fetched() {
        return (header, context) -> {
            List<Key> keys = new ArrayList<>();
            for (JWSKeySelector<SecurityContext> source : remote) {
                keys.addAll(source.selectJWSKeys(header, context));
            }
            return keys;
        };
    }

    private static java.net.URL url(String entry) {
        try {
            return URI.create(entry).toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw SettingReader.invalid("token.public.keys", entry, "is not a valid URL");
        }
    }

    /** A PEM public key ({@code -----BEGIN PUBLIC KEY-----}) or a JWKS (JSON) file. */
    private void load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw SettingReader.invalid("token.public.keys", file.toString(), "cannot be read (" + e.getMessage() + ")");
        }
        try {
            if (text.strip().startsWith("{")) {
                for (JWK jwk : JWKSet.parse(text).getKeys()) {
                    if (jwk instanceof ECKey ec) {
                        add(ec.toECPublicKey(), file);
                    } else if (jwk instanceof RSAKey rsa) {
                        add(rsa.toRSAPublicKey(), file);
                    }
                }
            } else {
                add(pem(text), file);
            }
        } catch (ParseException | GeneralSecurityException | com.nimbusds.jose.JOSEException | IllegalArgumentException e) {
            throw SettingReader.invalid("token.public.keys", file.toString(),
                    "is neither a PEM public key nor a JWKS file (" + e.getMessage() + ")");
        }
    }

    private void add(PublicKey key, Path file) {
        if (key instanceof ECPublicKey ec) {
            if (ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw SettingReader.invalid("token.public.keys", file.toString(), "holds an EC key that is not P-256 (ES256)");
            }
            ecKeys.add(key);
        } else if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw SettingReader.invalid("token.public.keys", file.toString(), "holds an RSA key under 2048 bits");
            }
            rsaKeys.add(key);
        }
    }

    /** The SubjectPublicKeyInfo of a PEM block, read by the JDK's key factories. */
    private static PublicKey pem(String text) throws GeneralSecurityException {
        String begin = "-----BEGIN PUBLIC KEY-----";
        int start = text.indexOf(begin);
        int end = text.indexOf("-----END PUBLIC KEY-----");
        if (start < 0 || end < start) {
            throw new GeneralSecurityException("no PUBLIC KEY block");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        } catch (GeneralSecurityException notEc) {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        }
    }
}
