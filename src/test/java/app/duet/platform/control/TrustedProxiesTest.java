package app.duet.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.of(List.of("127.0.0.1", "10.0.0.0/8", "::1"));

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertEquals("203.0.113.7", proxies.clientAddress("203.0.113.7", List.of("198.51.100.1")));
        assertEquals("203.0.113.7", TrustedProxies.of(List.of()).clientAddress("203.0.113.7", List.of("127.0.0.1")));
    }

    @Test
    void theNearestUntrustedHopIsTheClient() {
        assertEquals("198.51.100.1", proxies.clientAddress("127.0.0.1", List.of("198.51.100.1")));
        // the client wrote the left entry itself; the trusted chain ends at 198.51.100.1
        assertEquals("198.51.100.1", proxies.clientAddress("127.0.0.1", List.of("6.6.6.6, 198.51.100.1, 10.1.2.3")));
        assertEquals("198.51.100.1", proxies.clientAddress("::1", List.of("6.6.6.6", "198.51.100.1")));
        assertEquals("2001:db8:0:0:0:0:0:1", proxies.clientAddress("127.0.0.1", List.of("[2001:db8::1]")));
    }

    @Test
    void noHeaderOrGarbageStopsAtTheLastAddressKnown() {
        assertEquals("127.0.0.1", proxies.clientAddress("127.0.0.1", List.of()));
        assertEquals("10.9.9.9", proxies.clientAddress("127.0.0.1", List.of("evil.example, 10.9.9.9")));
        assertEquals("127.0.0.1", proxies.clientAddress("127.0.0.1", List.of("unknown")));
    }

    @Test
    void theSchemeIsBelievedFromTrustedProxiesOnly() {
        assertEquals("https", proxies.forwardedProto("127.0.0.1", "https", "http"));
        assertEquals("http", proxies.forwardedProto("203.0.113.7", "https", "http"));
        assertEquals("http", proxies.forwardedProto("127.0.0.1", "gopher", "http"));
        assertEquals("http", proxies.forwardedProto("127.0.0.1", null, "HTTP"));
    }

    @Test
    void blocksMatchByPrefix() {
        assertTrue(proxies.trusted("10.255.0.1"));
        assertFalse(proxies.trusted("11.0.0.1"));
        assertFalse(proxies.trusted("::2"));
        assertFalse(proxies.trusted("localhost"));
        assertTrue(TrustedProxies.loopback("127.0.0.2"));
        assertFalse(TrustedProxies.loopback("192.0.2.1"));
    }

    @Test
    void badEntriesStopTheStartWithTheSettingsName() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrustedProxies.of(List.of("proxy.example")));
        assertTrue(e.getMessage().contains("duet.trusted.proxies"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> TrustedProxies.of(List.of("10.0.0.0/33")));
        assertThrows(IllegalStateException.class, () -> TrustedProxies.of(List.of("10.0.0.0/x")));
    }
}
