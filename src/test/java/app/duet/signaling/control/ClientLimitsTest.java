package app.duet.signaling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.signaling.entity.ClientLimit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientLimitsTest {

    static final long SECOND = 1_000_000_000L;

    private final SignalingMetrics metrics = new SignalingMetrics();

    private ClientLimits limits(Map<String, String> values) {
        return new ClientLimits(ClientLimitSettings.of(values), metrics);
    }

    @Test
    void defaultsLetAWholeOfficeReconnectAtOnce() {
        ClientLimitSettings defaults = ClientLimitSettings.of(Map.of());
        assertEquals(200, defaults.maxSockets());
        assertEquals(200, defaults.socketBurst());
        assertEquals(200, defaults.joinBurst());
        assertEquals(30_000, defaults.joinDeadline().toMillis());
    }

    @Test
    void socketsPerAddressAreCountedAtTheHandshakeAndWhenTheyOpen() {
        ClientLimits limits = limits(Map.of("address.max.sockets", "2"));
        long t = 0;
        for (int i = 0; i < 2; i++) {
            assertNull(limits.handshake("203.0.113.1", t));
            assertTrue(limits.opened("203.0.113.1", 0));
        }
        assertEquals(ClientLimit.SOCKETS, limits.handshake("203.0.113.1", t));
        assertFalse(limits.opened("203.0.113.1", 0), "a handshake that passed along with others is refused when it opens");
        assertNull(limits.handshake("203.0.113.2", t), "another address");
        limits.closed("203.0.113.1");
        assertNull(limits.handshake("203.0.113.1", t), "a closed socket gives its place back");
        assertEquals(2, metrics.refusals(ClientLimit.SOCKETS));
    }

    @Test
    void newSocketsPerSecondAreATokenBucketPerAddress() {
        ClientLimits limits = limits(Map.of("address.socket.burst", "3", "address.socket.per.second", "2"));
        for (int i = 0; i < 3; i++) {
            assertNull(limits.handshake("203.0.113.1", 0));
        }
        assertEquals(ClientLimit.SOCKET_RATE, limits.handshake("203.0.113.1", 0));
        assertNull(limits.handshake("203.0.113.9", 0), "another address");
        assertNull(limits.handshake("203.0.113.1", SECOND / 2), "one more each half second");
        assertEquals(ClientLimit.SOCKET_RATE, limits.handshake("203.0.113.1", SECOND / 2));
        assertEquals(2, metrics.refusals(ClientLimit.SOCKET_RATE));
    }

    @Test
    void joinsPerSecondAreATokenBucketPerAddress() {
        ClientLimits limits = limits(Map.of("address.join.burst", "2", "address.join.per.second", "1"));
        assertTrue(limits.joinAllowed("203.0.113.1", 0));
        assertTrue(limits.joinAllowed("203.0.113.1", 0));
        assertFalse(limits.joinAllowed("203.0.113.1", 0));
        assertTrue(limits.joinAllowed("203.0.113.2", 0), "another address");
        assertTrue(limits.joinAllowed("203.0.113.1", SECOND));
        assertEquals(1, metrics.refusals(ClientLimit.JOIN_RATE));
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() {
        assertEquals(ClientLimits.key("2001:db8:1:2:0:0:0:0"), ClientLimits.key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals("2001:db8:1:2:0:0:0:0/64", ClientLimits.key("2001:db8:1:2::7"));
        assertFalse(ClientLimits.key("2001:db8:1:3::7").equals(ClientLimits.key("2001:db8:1:2::7")));
        assertEquals("192.0.2.7", ClientLimits.key("::ffff:192.0.2.7"), "an IPv4-mapped address is the IPv4 client");
        assertEquals("192.0.2.7", ClientLimits.key("192.0.2.7"));
        ClientLimits limits = limits(Map.of("address.max.sockets", "1"));
        assertTrue(limits.opened("2001:db8:1:2::1", 0));
        assertEquals(ClientLimit.SOCKETS, limits.handshake("2001:db8:1:2::2", 0), "same /64");
    }

    @Test
    void theTableForgetsIdleAddressesAndStaysBounded() {
        ClientLimits limits = limits(Map.of("address.socket.burst", "5", "address.socket.per.second", "1"));
        assertTrue(limits.opened("198.51.100.1", 0));
        limits.handshake("198.51.100.2", 0);
        limits.sweep(SECOND / 2);
        assertEquals(2, limits.addresses(), "198.51.100.2 has not refilled its burst yet");
        limits.sweep(2 * SECOND);
        assertEquals(1, limits.addresses(), "refilled: as good as new, so forgotten; the one with a socket stays");

        for (int i = 0; i < ClientLimits.IDLE_ADDRESSES * 2; i++) {
            limits.handshake("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), 3 * SECOND);
        }
        assertTrue(limits.addresses() <= ClientLimits.IDLE_ADDRESSES + 1, limits.addresses() + " addresses");
        assertNull(limits(Map.of("address.max.sockets", "1")).handshake(null, 0), "an unknown address is not limited");
        limits.closed("198.51.100.1");
        limits.sweep(60 * SECOND);
        assertEquals(0, limits.addresses());
    }
}
