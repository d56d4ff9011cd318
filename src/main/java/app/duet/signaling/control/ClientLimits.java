package app.duet.signaling.control;

import app.duet.signaling.entity.ClientLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The limits per client address: open sockets, new sockets per second, joins per second. Work
 * happens at the handshake, when a socket opens or closes and at a join, never per relayed frame.
 * <p>
 * An IPv6 client is counted by its /64 (what one subscriber gets; an attacker holds billions of
 * addresses in it). The table keeps an entry for every address with an open socket, and at most
 * {@link #IDLE_ADDRESSES} others, which only remember how much of their bursts they spent: an
 * entry whose buckets have refilled is dropped (it is as good as a new one), and past the bound
 * the oldest-found idle entries are forgotten, giving those addresses a fresh burst.
 */
@ApplicationScoped
public class ClientLimits {

    /** Addresses without an open socket that are remembered at most (about 200 bytes each). */
    static final int IDLE_ADDRESSES = 10_000;

    /** What one address uses; only touched inside the table's atomic {@code compute}. */
    static final class Usage {
        int open;
        final TokenBucket sockets;
        final TokenBucket joins;
        final TokenBucket ice;

        Usage(ClientLimitSettings settings, long now) {
            sockets = new TokenBucket(settings.socketBurst(), settings.socketsPerSecond(), now);
            joins = new TokenBucket(settings.joinBurst(), settings.joinsPerSecond(), now);
            ice = new TokenBucket(settings.iceBurst(), settings.icePerMinute() / 60, now);
        }

        boolean idle(long now) {
            return open == 0 && sockets.full(now) && joins.full(now) && ice.full(now);
        }
    }

    private final ConcurrentHashMap<String, Usage> table = new ConcurrentHashMap<>();
    private final AtomicInteger withSockets = new AtomicInteger();

    @Inject
    ClientLimitSettings settings;

    @Inject
    SignalingMetrics metrics;

    public ClientLimits() {
    }

    ClientLimits(ClientLimitSettings settings, SignalingMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * A handshake from {@code address}, before the upgrade: refused (and counted) when the address
     * already holds its most sockets, or opens them faster than its rate. Null when admitted.
     */
    public ClientLimit handshake(String address, long now) {
        if (address == null) {
            return null;
        }
        ClientLimit[] refused = new ClientLimit[1];
        table.compute(key(address), (k, usage) -> {
            Usage u = usage != null ? usage : new Usage(settings, now);
            if (u.open >= settings.maxSockets()) {
                refused[0] = ClientLimit.SOCKETS;
            } else if (!u.sockets.take(now)) {
                refused[0] = ClientLimit.SOCKET_RATE;
            }
            return u;
        });
        bound(now);
        return counted(refused[0]);
    }

    /**
     * A socket of {@code address} opened: counted, or refused when the address already holds its
     * most (the handshake checked, but several handshakes may have passed at once).
     */
    public boolean opened(String address, long now) {
        if (address == null) {
            return true;
        }
        boolean[] admitted = new boolean[1];
        table.compute(key(address), (k, usage) -> {
            Usage u = usage != null ? usage : new Usage(settings, now);
            if (u.open < settings.maxSockets()) {
                admitted[0] = true;
                if (u.open++ == 0) {
                    withSockets.incrementAndGet();
                }
            }
            return u;
        });
        if (!admitted[0]) {
            metrics.refused(ClientLimit.SOCKETS);
        }
        return admitted[0];
    }

    /** A socket {@link #opened} with {@code address} closed. */
    public void closed(String address) {
        if (address == null) {
            return;
        }
        table.computeIfPresent(key(address), (k, u) -> {
            if (u.open > 0 && --u.open == 0) {
                withSockets.decrementAndGet();
            }
            return u;
        });
    }

    /** Whether {@code address} may join now; a refusal is counted. */
    public boolean joinAllowed(String address, long now) {
        return take(address, now, ClientLimit.JOIN_RATE);
    }

    /** Whether {@code address} may have ICE servers outside a room now ({@code GET api/ice-servers}); a refusal is counted. */
    public boolean iceAllowed(String address, long now) {
        return take(address, now, ClientLimit.ICE_RATE);
    }

    private boolean take(String address, long now, ClientLimit limit) {
        if (address == null) {
            return true;
        }
        boolean[] allowed = new boolean[1];
        table.compute(key(address), (k, usage) -> {
            Usage u = usage != null ? usage : new Usage(settings, now);
            allowed[0] = (limit == ClientLimit.ICE_RATE ? u.ice : u.joins).take(now);
            return u;
        });
        bound(now);
        if (!allowed[0]) {
            metrics.refused(limit);
        }
        return allowed[0];
    }

    /** Forgets the addresses without sockets whose bursts have refilled (the heartbeat calls this). */
    public void sweep(long now) {
        for (String key : table.keySet()) {
            table.computeIfPresent(key, (k, u) -> u.idle(now) ? null : u);
        }
    }

    /** Addresses the table holds now. */
    public int addresses() {
        return table.size();
    }

    private ClientLimit counted(ClientLimit refused) {
        if (refused != null) {
            metrics.refused(refused);
        }
        return refused;
    }

    /** Keeps the addresses without sockets within {@link #IDLE_ADDRESSES}, down to 3/4 of it once past. */
    private void bound(long now) {
        if (table.size() - withSockets.get() <= IDLE_ADDRESSES) {
            return;
        }
        sweep(now);
        int excess = table.size() - withSockets.get() - IDLE_ADDRESSES * 3 / 4;
        for (String key : table.keySet()) {
            if (excess <= 0) {
                return;
            }
            boolean[] dropped = new boolean[1];
            table.computeIfPresent(key, (k, u) -> {
                dropped[0] = u.open == 0;
                return dropped[0] ? null : u;
            });
            if (dropped[0]) {
                excess--;
            }
        }
    }

    /** The key of an address: itself, or for IPv6 its /64; an IPv4-mapped IPv6 address counts as the IPv4 one. */
    static String key(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            // an IPv6 literal (it has a ':'), never a name lookup
            InetAddress parsed = InetAddress.getByName(address.startsWith("[") ? address : "[" + address + "]");
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress();
            }
            byte[] prefix = Arrays.copyOf(parsed.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
