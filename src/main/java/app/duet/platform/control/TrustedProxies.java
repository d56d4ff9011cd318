package app.duet.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * Who a request really comes from when Duet runs behind a reverse proxy. Headers a client can
 * write ({@code X-Forwarded-For}, {@code X-Forwarded-Proto}) are believed only when the direct
 * peer is listed in {@code duet.trusted.proxies} / {@code DUET_TRUSTED_PROXIES} (comma-separated
 * addresses or CIDR blocks, e.g. {@code 127.0.0.1,10.0.0.0/8,::1}); by default no proxy is
 * trusted and the direct peer is the client.
 */
@ApplicationScoped
public class TrustedProxies {

    private record Block(BigInteger network, BigInteger mask, int bits) {

        boolean contains(InetAddress address) {
            byte[] raw = address.getAddress();
            return raw.length * 8 == bits && new BigInteger(1, raw).and(mask).equals(network);
        }
    }

    private List<Block> blocks = List.of();

    public TrustedProxies() {
    }

    /** Proxies read from the given list (for tests and tools). */
    public static TrustedProxies of(List<String> entries) {
        TrustedProxies proxies = new TrustedProxies();
        proxies.blocks = parse(entries);
        return proxies;
    }

    @PostConstruct
    void load() {
        blocks = parse(SettingReader.fromEnvironment().list("trusted.proxies"));
    }

    /** The client's address: the direct peer, or, when that is a trusted proxy, the nearest untrusted address it forwarded. */
    public String clientAddress(HttpServletRequest request) {
        Enumeration<String> forwarded = request.getHeaders("X-Forwarded-For");
        return clientAddress(request.getRemoteAddr(), forwarded == null ? List.of() : Collections.list(forwarded));
    }

    /**
     * Walks {@code X-Forwarded-For} from the right (the hop nearest to Duet) past trusted proxies:
     * the first address that is not a trusted proxy is the client. Entries left of it were written
     * by the client and mean nothing; an entry that is not an address ends the walk there.
     */
    public String clientAddress(String remote, List<String> forwardedFor) {
        if (!trusted(remote)) {
            return remote;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        String client = remote;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                return client;
            }
            client = hop.getHostAddress();
            if (!contains(hop)) {
                return client;
            }
        }
        return client;
    }

    /**
     * Whether the request reached Duet over HTTPS: its own connection is secure, or a trusted
     * proxy says {@code X-Forwarded-Proto: https}.
     */
    public boolean secure(HttpServletRequest request) {
        return request.isSecure() || "https".equals(forwardedProto(request.getRemoteAddr(),
                request.getHeader("X-Forwarded-Proto"), request.getScheme()));
    }

    /** The scheme the client used: {@code X-Forwarded-Proto} from a trusted proxy, else the connection's own. */
    public String scheme(HttpServletRequest request) {
        return forwardedProto(request.getRemoteAddr(), request.getHeader("X-Forwarded-Proto"), request.getScheme());
    }

    public String forwardedProto(String remote, String forwardedProto, String own) {
        if (forwardedProto != null && trusted(remote)) {
            String first = forwardedProto.split(",")[0].trim().toLowerCase(Locale.ROOT);
            if (first.equals("http") || first.equals("https")) {
                return first;
            }
        }
        return own.toLowerCase(Locale.ROOT);
    }

    /** Whether the direct peer is a configured trusted proxy. */
    public boolean trusted(String remote) {
        InetAddress address = literal(remote);
        return address != null && contains(address);
    }

    /** Whether the address is the machine itself (127.0.0.0/8, ::1). */
    public static boolean loopback(String remote) {
        InetAddress address = literal(remote);
        return address != null && address.isLoopbackAddress();
    }

    private boolean contains(InetAddress address) {
        for (Block block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<Block> parse(List<String> entries) {
        List<Block> parsed = new ArrayList<>();
        for (String entry : entries) {
            String[] parts = entry.split("/", 2);
            InetAddress address = literal(parts[0]);
            if (address == null) {
                throw SettingReader.invalid("trusted.proxies", entry, "each entry must be an IP address or CIDR block");
            }
            int bits = address.getAddress().length * 8;
            int prefix;
            try {
                prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw SettingReader.invalid("trusted.proxies", entry, "the prefix length must be 0 to " + bits);
            }
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
            parsed.add(new Block(new BigInteger(1, address.getAddress()).and(mask), mask, bits));
        }
        return List.copyOf(parsed);
    }

    /** An IP literal, never a name lookup; null for anything else. */
    static InetAddress literal(String text) {
        if (text == null) {
            return null;
        }
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (bare.isEmpty() || bare.length() > 45 || !bare.matches("[0-9A-Fa-f:.]+") || !(bare.contains(".") || bare.contains(":"))) {
            return null;
        }
        if (!bare.contains(":") && !bare.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
