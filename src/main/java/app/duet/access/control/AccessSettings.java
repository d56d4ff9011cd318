package app.duet.access.control;

import app.duet.access.entity.AccessMode;
import app.duet.platform.control.SettingReader;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who may call (README, Access control): {@code duet.access} ({@code open}, the default, or
 * {@code token}), the keys join tokens are verified with (HS256 secrets, and ES256/RS256 public
 * keys as PEM or JWKS files or a JWKS URL), the audience and issuer they must name when set, and
 * the page's public address for invite links. Checked at start-up: a bad value stops the deployment.
 */
@ApplicationScoped
public class AccessSettings {

    /** HS256 needs a key of at least 256 bits (RFC 7518, 3.2). */
    static final int MIN_SECRET_BYTES = 32;

    private SettingReader reader = SettingReader.fromEnvironment();

    private AccessMode mode;
    private List<String> secrets;
    private List<String> publicKeys;
    private String audience;
    private String issuer;
    private String publicUrl;

    public AccessSettings() {
    }

    /** Settings read from the given values only (for tests and tools). */
    public static AccessSettings of(Map<String, String> values) {
        AccessSettings settings = new AccessSettings();
        settings.reader = new SettingReader(values::get);
        settings.load();
        return settings;
    }

    @PostConstruct
    void load() {
        mode = AccessMode.valueOf(reader.choice("access", "open", "open", "token").toUpperCase(Locale.ROOT));
        secrets = reader.list("token.secrets");
        for (String secret : secrets) {
            if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw SettingReader.invalid("token.secrets", "(hidden)",
                        "each secret must be at least " + MIN_SECRET_BYTES + " bytes (HS256 needs 256 bits)");
            }
        }
        publicKeys = reader.list("token.public.keys");
        audience = reader.raw("token.audience");
        issuer = reader.raw("token.issuer");
        publicUrl = reader.raw("public.url");
        if (publicUrl != null && !publicUrl.matches("https?://[^/?#]+(/[^?#]*)?")) {
            throw SettingReader.invalid("public.url", publicUrl, "must be an http(s) address such as https://call.example.com/");
        }
        if (mode == AccessMode.TOKEN && secrets.isEmpty() && publicKeys.isEmpty()) {
            throw SettingReader.invalid("access", "token",
                    "needs duet.token.secrets or duet.token.public.keys to verify join tokens with");
        }
    }

    public AccessMode mode() {
        return mode;
    }

    /** HS256 secrets, the first one signing invites; any of them verifies. */
    public List<String> secrets() {
        return secrets;
    }

    /** PEM or JWKS files, or JWKS URLs, of the ES256/RS256 keys tokens may be signed with. */
    public List<String> publicKeys() {
        return publicKeys;
    }

    /** The audience a token must name ({@code aud}); null when not checked. */
    public String audience() {
        return audience;
    }

    /** The issuer a token must name ({@code iss}); null when not checked. */
    public String issuer() {
        return issuer;
    }

    /** The call page's public address, for invite links; null to take it from the admin's request. */
    public String publicUrl() {
        return publicUrl;
    }
}
