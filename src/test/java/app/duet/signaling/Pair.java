package app.duet.signaling;

import app.duet.testing.SignalClient;
import java.net.URI;

/** Two peers in one room: alice joined first (impolite) and has been told bob arrived. */
final class Pair implements AutoCloseable {

    final URI room;
    final SignalClient alice;
    final SignalClient bob;

    private Pair(URI room, SignalClient alice, SignalClient bob) {
        this.room = room;
        this.alice = alice;
        this.bob = bob;
    }

    static Pair in(URI room) {
        SignalClient alice = SignalClient.join(room, "alice");
        SignalClient bob = SignalClient.join(room, "bob");
        alice.next("peer-joined");
        return new Pair(room, alice, bob);
    }

    String aliceId() {
        return alice.joined().getString("id");
    }

    String bobId() {
        return bob.joined().getString("id");
    }

    @Override
    public void close() {
        try {
            bob.close();
        } finally {
            alice.close();
        }
    }
}
