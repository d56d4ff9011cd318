package app.duet.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Name and password pairs that passed the password check in the last {@value #TTL_MS} ms, so the
 * requests of a signed-in admin (a console sends several at once) neither cost a PBKDF2 check each
 * nor count against the login throttle, and an attacker who keeps the name locked cannot lock out
 * an admin who is already at work. Only a keyed HMAC of the pair is kept (the key lives in memory
 * only), with the stored hash it was checked against: a password change forgets it. Only correct
 * passwords get here, so anonymous clients cannot fill it; it holds {@value #MAX} pairs at most.
 */
@ApplicationScoped
public class VerifiedLogins {

    static final long TTL_MS = 5 * 60_000;
    static final int MAX = 1000;

    private record Entry(String passwordHash, long until) {
    }

    private final SecretKeySpec key;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    public VerifiedLogins() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        key = new SecretKeySpec(random, "HmacSHA256");
    }

    /** Whether this pair passed the check against {@code passwordHash} (the account's current one) lately. */
    public boolean known(String name, String password, String passwordHash, long now) {
        Entry entry = entries.get(fingerprint(name, password));
        return entry != null && now < entry.until() && entry.passwordHash().equals(passwordHash);
    }

    /** Remembers a pair that just passed the check. */
    public void remember(String name, String password, String passwordHash, long now) {
        if (entries.size() >= MAX) {
            entries.values().removeIf(e -> now >= e.until());
            if (entries.size() >= MAX) {
                return;
            }
        }
        entries.put(fingerprint(name, password), new Entry(passwordHash, now + TTL_MS));
    }

    private String fingerprint(String name, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(name.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
