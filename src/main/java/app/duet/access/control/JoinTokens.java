package app.duet.access.control;

import app.duet.access.entity.JoinGrant;
import app.duet.access.entity.TokenRefused;
import app.duet.access.entity.TokenRefused.Reason;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/**
 * Join tokens (README, Access control): compact JWS verified by Nimbus JOSE+JWT with the keys of
 * {@link TokenKeys}; {@code room} and {@code exp} required, {@code nbf}, {@code aud} and
 * {@code iss} checked, 30 s of clock leeway; {@code name} and {@code sub} taken when they are
 * strings of sensible length. Invites are signed with the first HS256 secret.
 */
@ApplicationScoped
public class JoinTokens {

    static final int LEEWAY_SECONDS = 30;
    static final int MAX_NAME = 64;
    static final int MAX_USER = 255;
    static final int MAX_ROOM = 64;
    /** Far longer than any token Duet or a sane backend mints; parsing a longer one is not tried. */
    static final int MAX_TOKEN_CHARS = 8192;

    @Inject
    AccessSettings settings;

    private DefaultJWTProcessor<SecurityContext> processor;

    public JoinTokens() {
    }

    JoinTokens(AccessSettings settings) {
        this.settings = settings;
        init();
    }

    /** Checks tokens with the keys of JWKS URLs; null when none is configured. */
    private DefaultJWTProcessor<SecurityContext> fetching;

    @PostConstruct
    void init() {
        TokenKeys keys = new TokenKeys(settings);
        processor = processor(keys);
        fetching = keys.fetches() ? processor(keys.fetched()) : null;
    }

    private DefaultJWTProcessor<SecurityContext> processor(JWSKeySelector<SecurityContext> keys) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(keys);
        // mutable sets: the library asks them whether they contain null, which Set.of answers with
        // an exception (Payara puts its own copy of the library, 10.5 in 6.2025.10, before the WAR's)
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                settings.audience() == null ? null : new HashSet<>(List.of(settings.audience())),
                settings.issuer() == null ? null : new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                new HashSet<>(List.of("room", "exp")),
                new HashSet<>());
        claims.setMaxClockSkew(LEEWAY_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
        return processor;
    }

    /**
     * Whether {@link #verify} may wait on the network: a JWKS URL is configured, and its keys are
     * fetched when first needed, when their cache runs out, and for a {@code kid} not seen yet.
     */
    public boolean mayWait() {
        return fetching != null;
    }

    /** What a token grants, or why it does not (any room: the caller checks the grant's room). */
    public JoinGrant verify(String token) throws TokenRefused {
        if (token == null || token.isBlank()) {
            throw new TokenRefused(Reason.MISSING);
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new TokenRefused(Reason.INVALID);
        }
        JWTClaimsSet claims;
        try {
            claims = process(token);
        } catch (ExpiredJWTException e) {
            throw new TokenRefused(Reason.EXPIRED);
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            throw new TokenRefused(Reason.INVALID);
        }
        try {
            String room = text(claims.getStringClaim("room"), MAX_ROOM);
            Long uses = claims.getLongClaim("uses");
            if (room == null || uses != null && (uses < 1 || claims.getJWTID() == null)) {
                throw new TokenRefused(Reason.INVALID);
            }
            return new JoinGrant(room, text(claims.getStringClaim("name"), MAX_NAME), text(claims.getSubject(), MAX_USER),
                    claims.getExpirationTime().toInstant(), uses == null ? null : claims.getJWTID(), uses == null ? 0 : uses);
        } catch (ParseException e) {
            throw new TokenRefused(Reason.INVALID);
        }
    }

    /** The token's claims, checked with the keys of the settings, else with those of the JWKS URLs. */
    private JWTClaimsSet process(String token) throws ParseException, BadJOSEException, JOSEException {
        try {
            return processor.process(token, null);
        } catch (BadJWTException e) {
            throw e; // signed by a known key, its claims refused
        } catch (BadJOSEException notOurs) {
            if (fetching == null) {
                throw notOurs;
            }
            return fetching.process(token, null);
        }
    }

    /**
     * A claim's text, stripped; null when absent; a token with it empty or longer than {@code max}
     * UTF-16 units (what a VARCHAR of the history counts on H2 and HSQLDB) is not valid.
     */
    private static String text(String value, int max) throws TokenRefused {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.isEmpty() || stripped.length() > max) {
            throw new TokenRefused(Reason.INVALID);
        }
        return stripped;
    }

    /** Whether invites can be signed (an HS256 secret is configured). */
    public boolean canMint() {
        return !settings.secrets().isEmpty();
    }

    /** A token for {@code room} signed with the first secret; {@code uses} (or null) limits its joins. */
    public String mint(String room, String name, Instant expiresAt, Long uses) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .claim("room", room)
                .issueTime(new Date())
                .expirationTime(Date.from(expiresAt));
        if (name != null) {
            claims.claim("name", name);
        }
        if (uses != null) {
            claims.claim("uses", uses).jwtID(UUID.randomUUID().toString());
        }
        if (settings.audience() != null) {
            claims.audience(settings.audience());
        }
        if (settings.issuer() != null) {
            claims.issuer(settings.issuer());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(settings.secrets().get(0).getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an invite", e);
        }
        return jwt.serialize();
    }
}
