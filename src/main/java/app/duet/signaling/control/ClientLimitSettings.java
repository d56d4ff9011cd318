package app.duet.signaling.control;

import app.duet.platform.control.SettingReader;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

/**
 * The limits per client address and the deadline to join (see README, Security). The defaults
 * are meant never to meet a real call: a page opens one socket and joins at once, and one
 * address may be an office or a carrier-grade NAT with many people in calls.
 */
@ApplicationScoped
public class ClientLimitSettings {

    private SettingReader reader = SettingReader.fromEnvironment();

    private int maxSockets;
    private int socketBurst;
    private double socketsPerSecond;
    private int joinBurst;
    private double joinsPerSecond;
    private Duration joinDeadline;
    private int iceBurst;
    private double icePerMinute;

    public ClientLimitSettings() {
    }

    /** Settings read from the given values only (for tests and tools). */
    public static ClientLimitSettings of(Map<String, String> values) {
        ClientLimitSettings settings = new ClientLimitSettings();
        settings.reader = new SettingReader(values::get);
        settings.load();
        return settings;
    }

    @PostConstruct
    void load() {
        maxSockets = reader.integer("address.max.sockets", 200, 1, 10_000_000);
        socketBurst = reader.integer("address.socket.burst", 200, 1, 10_000_000);
        socketsPerSecond = reader.number("address.socket.per.second", 10, 0.01, 10_000_000);
        joinBurst = reader.integer("address.join.burst", 200, 1, 10_000_000);
        joinsPerSecond = reader.number("address.join.per.second", 2, 0.01, 10_000_000);
        joinDeadline = reader.seconds("join.deadline.seconds", 30);
        iceBurst = reader.integer("address.ice.burst", 20, 1, 10_000_000);
        icePerMinute = reader.number("address.ice.per.minute", 10, 0.01, 10_000_000);
    }

    /** Open signaling sockets one address may hold. */
    public int maxSockets() {
        return maxSockets;
    }

    /** New sockets one address may open at once … */
    public int socketBurst() {
        return socketBurst;
    }

    /** … and per second, sustained. */
    public double socketsPerSecond() {
        return socketsPerSecond;
    }

    /** Joins one address may send at once … */
    public int joinBurst() {
        return joinBurst;
    }

    /** … and per second, sustained. */
    public double joinsPerSecond() {
        return joinsPerSecond;
    }

    /** Requests for ICE servers outside a room one address may make at once … */
    public int iceBurst() {
        return iceBurst;
    }

    /** … and per minute, sustained. */
    public double icePerMinute() {
        return icePerMinute;
    }

    /** A socket that holds no slot for this long (never joined, or left) is closed. */
    public Duration joinDeadline() {
        return joinDeadline;
    }
}
