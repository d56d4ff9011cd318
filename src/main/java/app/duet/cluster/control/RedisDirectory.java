package app.duet.cluster.control;

import app.duet.cluster.entity.Envelope;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * This node's connections to Redis: one for commands, one for pub/sub. Commands that change rooms
 * run the atomic {@link Scripts}; while Redis is unreachable every command fails at once (nothing
 * is queued to run late) and Lettuce reconnects in the background, resubscribing by itself.
 * Incoming messages are handed to {@code inbox} on Lettuce's event loop: it must not block.
 */
public final class RedisDirectory implements AutoCloseable {

    static final String NODES = "duet:nodes";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final String node;
    private final Duration ttl;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final Map<String, String> digests = new ConcurrentHashMap<>();
    private volatile boolean connected = true;

    /**
     * Connects, or fails with a message naming the URL. {@code reconnected} runs (on Lettuce's
     * event loop) each time the command connection comes back after an outage.
     */
    public RedisDirectory(String url, String node, Duration ttl, BiConsumer<String, String> inbox, Runnable reconnected) {
        this.node = node;
        this.ttl = ttl;
        resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(1)
                .reconnectDelay(Delay.constant(Duration.ofMillis(500))).build();
        client = RedisClient.create(resources, RedisURI.create(url));
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT)).build());
        try {
            commands = client.connect();
            pubsub = client.connectPubSub();
        } catch (RedisException e) {
            close();
            throw new IllegalStateException("Cannot reach Redis at duet.redis.url / DUET_REDIS_URL = " + url + ": " + e.getMessage(), e);
        }
        commands.setTimeout(TIMEOUT);
        pubsub.setTimeout(TIMEOUT);
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                inbox.accept(channel, message);
            }
        });
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (connection == commands && !connected) {
                    connected = true;
                    reconnected.run();
                }
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (connection == commands) {
                    connected = false;
                }
            }
        });
        pubsub.sync().subscribe(nodeChannel(node));
        alive();
    }

    public String node() {
        return node;
    }

    public boolean connected() {
        return connected && commands.isOpen();
    }

    public static String peerChannel(String peer) {
        return "duet:p:" + peer;
    }

    public static String nodeChannel(String node) {
        return "duet:n:" + node;
    }

    static String roomKey(String room) {
        return "duet:room:" + room;
    }

    static String seatsKey(String node) {
        return "duet:seats:" + node;
    }

    static String aliveKey(String node) {
        return "duet:alive:" + node;
    }

    /** Renews this node's liveness key; throws RedisException when Redis does not answer in time. */
    public void alive() {
        RedisCommands<String, String> sync = commands.sync();
        sync.set(aliveKey(node), "1", SetArgs.Builder.px(ttl.toMillis()));
        sync.sadd(NODES, node);
    }

    /** Runs a script and waits for its answer; throws RedisException when Redis does not answer. */
    List<Object> run(String script, String[] keys, String... args) {
        RedisCommands<String, String> sync = commands.sync();
        String digest = digests.get(script);
        if (digest != null) {
            try {
                return sync.evalsha(digest, ScriptOutputType.MULTI, keys, args);
            } catch (RedisNoScriptException e) {
                // Redis restarted and forgot it: EVAL loads it again
            }
        }
        List<Object> result = sync.eval(script, ScriptOutputType.MULTI, keys, args);
        digests.put(script, sync.digest(script));
        return result;
    }

    /** Runs a script without waiting (for changes nobody waits on). */
    void runLater(String script, String[] keys, String... args) {
        commands.async().eval(script, ScriptOutputType.INTEGER, keys, args);
    }

    public void subscribe(String peer) {
        pubsub.sync().subscribe(peerChannel(peer));
    }

    public void unsubscribe(String peer) {
        pubsub.async().unsubscribe(peerChannel(peer));
    }

    /** Publishes once; completes with how many nodes received it, or fails when Redis is away. */
    public CompletionStage<Long> publish(String channel, Envelope envelope) {
        return commands.async().publish(channel, envelope.encode());
    }

    /** The nodes registered, this one included. */
    public List<String> nodes() {
        return new ArrayList<>(commands.sync().smembers(NODES));
    }

    /** Every room key, read without blocking Redis (SCAN). */
    public List<Map.Entry<String, Map<String, String>>> rooms() {
        RedisCommands<String, String> sync = commands.sync();
        List<Map.Entry<String, Map<String, String>>> rooms = new ArrayList<>();
        ScanIterator<String> keys = ScanIterator.scan(sync, ScanArgs.Builder.matches("duet:room:*").limit(500));
        while (keys.hasNext()) {
            String key = keys.next();
            Map<String, String> fields = sync.hgetall(key);
            if (!fields.isEmpty()) {
                rooms.add(Map.entry(key.substring("duet:room:".length()), fields));
            }
        }
        return rooms;
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown();
    }
}
