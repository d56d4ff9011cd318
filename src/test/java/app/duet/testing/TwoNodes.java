package app.duet.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Two Payara Micro nodes sharing rooms through one redis-server and call history in one
 * PostgreSQL, as a cluster is run, and sending webhooks to one receiver, started once for all the
 * cluster tests of a run (kept in JUnit's root store) and stopped when the run ends. Tests that
 * kill a node or stop Redis start it again before they finish.
 */
public final class TwoNodes {

    public static final String ADMIN_PASSWORD = "correct-horse-battery";
    /** How long a node that stopped renewing its liveness key in Redis is taken for alive. */
    public static final Duration NODE_TTL = Duration.ofSeconds(6);
    public static final List<String> OPTIONS = List.of("-Dduet.heartbeat.seconds=2", "-Dduet.heartbeat.timeout.seconds=6",
            "-Dduet.resume.grace.seconds=8", "-Dduet.node.ttl.seconds=" + NODE_TTL.toSeconds(), "-Dduet.admin.password=" + ADMIN_PASSWORD,
            // all cluster tests share the two nodes: SignalClient's sockets each count as an address of their own
            "-Dduet.trusted.proxies=127.0.0.1");

    public static final String WEBHOOK_SECRET = "cluster-webhook-secret-0123456789abcdef";

    /** Both nodes send their webhooks here (ClusterWebhooksIT). */
    public final WebhookReceiver hooks;
    public final Redis redis;
    public final Postgres postgres;
    public final MicroServer a;
    public final MicroServer b;

    private TwoNodes(Path dir) {
        hooks = WebhookReceiver.start();
        redis = new Redis(dir.resolve("redis")).start();
        postgres = new Postgres(dir.resolve("db"), Ports.free()).startEmpty();
        List<String> options = new java.util.ArrayList<>(OPTIONS);
        options.add("-Dduet.redis.url=" + redis.url());
        options.addAll(postgres.payaraOptions());
        options.addAll(List.of("-Dduet.webhook.urls=" + hooks.url(), "-Dduet.webhook.secret=" + WEBHOOK_SECRET,
                "-Dduet.webhook.retry.initial.millis=200", "-Dduet.webhook.retry.max.millis=2000"));
        a = new MicroServer(dir.resolve("node-a"), options, postgres.environment());
        b = new MicroServer(dir.resolve("node-b"), options, postgres.environment());
        // one after the other: each start has its own time bound (MicroServer), which two starts
        // sharing a busy 2-core machine missed
        a.start();
        b.start();
    }

    /** The pair of this test run, started on first use. */
    public static TwoNodes of(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TwoNodes.class, key -> new Closing(new TwoNodes(Dirs.clean(Path.of("target", "cluster")))), Closing.class)
                .nodes;
    }

    /** Hands the pair to a test's {@code @BeforeAll} (or test) method that asks for it. */
    public static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TwoNodes.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return of(context);
        }
    }

    private record Closing(TwoNodes nodes) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            nodes.a.close();
            nodes.b.close();
            nodes.redis.close();
            nodes.postgres.close();
            nodes.hooks.close();
        }
    }
}
