package app.duet.signaling.control;

import app.duet.platform.control.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;

/**
 * Keeps room state honest: pings sockets that have been silent for a heartbeat interval, drops
 * those silent past the timeout (freeing their slot), and frees slots whose resume grace ran out
 * (in cluster mode the engine's tick also renews this node's liveness and frees dead nodes' slots),
 * closes sockets that hold no slot past the join deadline and forgets idle client addresses.
 * Starting with the application, it also checks the settings at deployment time.
 */
@Singleton
@Startup
public class Heartbeat {

    @Resource
    TimerService timers;

    @Inject
    Settings settings;

    @Inject
    Signaling signaling;

    @Inject
    RoomEngine rooms;

    @Inject
    ClientLimitSettings limitSettings;

    @Inject
    ClientLimits limits;

    @PostConstruct
    void start() {
        // in cluster mode this connects to Redis now: a node that cannot reach it fails to deploy
        rooms.state();
        long tick = Math.max(50, Math.min(1000, settings.heartbeatInterval().toMillis() / 4));
        timers.createIntervalTimer(tick, tick, new TimerConfig("duet-heartbeat", false));
    }

    @Timeout
    void tick() {
        sweep(System.nanoTime());
    }

    void sweep(long now) {
        long interval = settings.heartbeatInterval().toNanos();
        long timeout = settings.heartbeatTimeout().toNanos();
        long deadline = limitSettings.joinDeadline().toNanos();
        for (Client client : signaling.clients()) {
            long silent = now - client.lastSeen();
            long slotless = client.slotlessSince();
            if (slotless != 0 && now - slotless >= deadline) {
                signaling.missedJoinDeadline(client);
            } else if (silent >= timeout) {
                signaling.timedOut(client);
            } else if (silent >= interval && now - client.lastPing() >= interval) {
                client.pinged(now);
                client.link().ping();
            }
        }
        rooms.expire(now);
        limits.sweep(now);
    }
}
