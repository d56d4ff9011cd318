package app.duet.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import app.duet.testing.Browser;
import app.duet.testing.CallPage;
import app.duet.testing.Http;
import app.duet.testing.Nginx;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real calls in Chromium whose two sides signal through different nodes: directly, and through nginx. */
class ClusterCallIT extends OnTwoNodes {

    static Nginx nginx;

    @BeforeAll
    static void start() {
        nginx = new Nginx(Path.of("target", "cluster", "nginx")).start(List.of(nodes.a.base(), nodes.b.base()));
    }

    @AfterAll
    static void stop() {
        if (nginx != null) { // null when the nodes did not start
            nginx.close();
        }
    }

    @Test
    void aCallWhoseSidesUseDifferentNodesConnectsAndChats() {
        String room = "call-" + UUID.randomUUID();
        try (Browser a = new Browser(); Browser b = new Browser()) {
            CallPage alice = new CallPage(a).join(nodes.a.base(), room, "Alice");
            CallPage bob = new CallPage(b).join(nodes.b.base(), room, "Bob");
            alice.awaitConnected();
            bob.awaitConnected();
            alice.awaitFramesGrowing();
            bob.awaitFramesGrowing();
            alice.chat("hello from node a");
            b.await("document.getElementById('chat-log').textContent.includes('hello from node a')", "chat over the data channel");
        }
    }

    /**
     * nginx round-robins every request, so where each socket lands depends on how many requests a
     * page makes. When both sockets land on one node, the call is made again with one more request
     * through nginx between the two joins, which puts the second socket on the other node; a page
     * whose request count varies (a favicon fetched early or late) gets a few more alternating tries.
     */
    @Test
    void aCallThroughNginxRoundRobinConnectsWithItsSidesOnDifferentNodes() throws IOException {
        Http admin = admin(nodes.a);
        for (int attempt = 0; attempt < 4; attempt++) {
            int extra = attempt % 2;
            String room = "nginx-" + UUID.randomUUID();
            Set<String> nodesUsed;
            try (Browser a = new Browser(); Browser b = new Browser()) {
                CallPage alice = new CallPage(a).join(nginx.base(), room, "Alice");
                for (int i = 0; i < extra; i++) {
                    Http.anonymous(nginx.base()).get("api/health");
                }
                CallPage bob = new CallPage(b).join(nginx.base(), room, "Bob");
                alice.awaitConnected();
                bob.awaitConnected();
                alice.awaitFramesGrowing();
                bob.awaitFramesGrowing();
                JsonObject live = admin.liveRoom(room).orElseThrow(() -> new AssertionError("room " + room + " not listed"));
                nodesUsed = live.getJsonArray("peers").stream().map(p -> p.asJsonObject().getString("node")).collect(Collectors.toSet());
            }
            System.out.println("[cluster] call through nginx, " + extra + " extra request(s): sides on " + nodesUsed);
            if (nodesUsed.size() == 2) {
                List<String> sockets = nginx.accessLog().stream().filter(line -> line.contains("/signal/" + room)).toList();
                assertTrue(sockets.stream().allMatch(line -> line.endsWith(" 101")), "upgraded through nginx: " + sockets);
                return;
            }
        }
        fail("the two sides never landed on different nodes in 4 calls");
    }
}
