package app.duet.cluster;

import app.duet.testing.Await;
import app.duet.testing.Http;
import app.duet.testing.JsonText;
import app.duet.testing.MicroServer;
import app.duet.testing.SignalClient;
import app.duet.testing.TwoNodes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the cluster tests share: the pair of nodes of this run ({@link TwoNodes}), fresh room
 * names, and the usual start of a test, two peers in a room whose first has been told the second
 * joined.
 */
@ExtendWith(TwoNodes.Extension.class)
abstract class OnTwoNodes {

    static TwoNodes nodes;

    @BeforeAll
    static void pair(TwoNodes pair) {
        nodes = pair;
    }

    /** A room name no run has used. */
    static String room() {
        return "cluster-" + UUID.randomUUID();
    }

    static String message(String text) {
        return Json.createObjectBuilder().add("type", "message").add("data", text).build().toString();
    }

    static Http admin(MicroServer node) {
        return Http.as(node.base(), "admin", TwoNodes.ADMIN_PASSWORD);
    }

    /** The engine part of {@code node}'s {@code api/health}. */
    static JsonObject engine(MicroServer node) {
        return JsonText.object(Http.anonymous(node.base()).get("api/health")).getJsonObject("engine");
    }

    /** Waits until {@code node} reports its Redis connection as {@code connected}. */
    static void awaitEngine(MicroServer node, boolean connected) {
        Await.until(node.base() + " reporting engine connected=" + connected,
                () -> engine(node).getBoolean("connected") == connected);
    }

    /** A new socket to {@code node} that has sent the join resuming {@code before}'s slot (its answer not yet read). */
    static SignalClient resume(SignalClient before, MicroServer node, String room) {
        SignalClient again = SignalClient.connect(node.signal(room));
        again.send(before.resumeJoin());
        return again;
    }

    /** Ann, joined on {@code annNode}, and Ben, joined after her on {@code benNode}; Ann has been told Ben joined. */
    record Pair(SignalClient ann, SignalClient ben) implements AutoCloseable {

        static Pair across(String room) {
            return on(nodes.a, nodes.b, room);
        }

        static Pair on(MicroServer annNode, MicroServer benNode, String room) {
            SignalClient ann = SignalClient.join(annNode.signal(room), "Ann");
            SignalClient ben = null;
            try {
                ben = SignalClient.join(benNode.signal(room), "Ben");
                ann.next("peer-joined");
                return new Pair(ann, ben);
            } catch (RuntimeException | Error e) {
                ann.close();
                if (ben != null) {
                    ben.close();
                }
                throw e;
            }
        }

        String annId() {
            return ann.joined().getString("id");
        }

        String benId() {
            return ben.joined().getString("id");
        }

        @Override
        public void close() {
            try {
                ann.close();
            } finally {
                ben.close();
            }
        }
    }
}
