package app.duet.signaling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.signaling.entity.PeerInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a room engine may do to a slot through the seam: admit, deliver, hold, adopt, take over, free. */
class PeerSeamTest {

    private final HeldMemory memory = new HeldMemory(1 << 20);
    private final Retention keep = new Retention(16, 64 * 1024, memory);

    private static Client client(FakeLink link) {
        return new Client(link, "r", new TokenBucket(1000, 1000, 0), 0);
    }

    @Test
    void aHeldSlotGetsWhatItMissedElsewhereThenTheFramesGivenFirstThenWhatWasHeld() {
        FakeLink link = new FakeLink();
        Peer peer = new Peer(new PeerInfo("p", null), false, "token", client(link));
        peer.hold();
        assertTrue(peer.deliver("held-1", keep));
        assertTrue(peer.deliver("held-2", keep));
        assertTrue(link.sent.isEmpty(), "nothing goes out while held");
        // elsewhere it had delivered 3 frames, the last two kept; the peer says it got 2
        long lost = peer.adopt(3, 1, List.of("f2", "f3"), 2L, List.of("early"), keep);
        assertEquals(0, lost);
        assertEquals(List.of("f3", "early", "held-1", "held-2"), link.sent);
        assertFalse(peer.holding());
        assertEquals(6, peer.delivered(), "the numbering goes on from the one taken over");
    }

    @Test
    void aResumeTakesTheSlotOverFromTheOldSocketWhichIsClosedAsReplaced() {
        Room room = new Room("r");
        FakeLink oldLink = new FakeLink();
        Client old = client(oldLink);
        Peer peer = new Peer(new PeerInfo("p", null), false, "token", old);
        room.admit(peer);
        assertSame(peer, old.membership().peer());
        Client fresh = client(new FakeLink());
        peer.takeOver(room, fresh, "token-2");
        assertNull(old.membership(), "the old socket holds no slot");
        assertEquals(Integer.valueOf(CloseCodes.REPLACED), oldLink.closedWith);
        assertSame(peer, fresh.membership().peer());
        assertSame(peer, room.byResumeToken("token-2"));
        assertNull(room.byResumeToken("token"), "the old token is spent");
        room.free(peer);
        assertNull(fresh.membership(), "a freed slot is held by no socket");
        assertTrue(room.peers().isEmpty());
    }
}
