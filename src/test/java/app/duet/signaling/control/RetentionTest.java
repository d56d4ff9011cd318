package app.duet.signaling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.signaling.entity.PeerInfo;
import org.junit.jupiter.api.Test;

/** What a slot keeps for resume is bounded in frames, in bytes per slot and by the shared budget (issue 13, item 3). */
class RetentionTest {

    private static final String KB_60 = "x".repeat(30 * 1024); // 60 KiB of heap (2 bytes a character)

    private static Peer peer(FakeLink link) {
        return new Peer(new PeerInfo("p", null), false, "token", new Client(link, "r", new TokenBucket(1000, 1000, 0), 0));
    }

    @Test
    void aPresentPeerKeepsTheNewestFramesWithinTheSlotBytesAndAlwaysGetsEveryFrame() {
        HeldMemory memory = new HeldMemory(64L << 20);
        Retention keep = new Retention(64, 256 * 1024, memory);
        FakeLink link = new FakeLink();
        Peer peer = peer(link);
        for (int i = 0; i < 20; i++) {
            assertTrue(peer.deliver(i + KB_60, keep));
        }
        assertEquals(20, link.sent.size(), "every frame is sent");
        assertEquals(20, peer.delivered());
        assertEquals(4, peer.kept().size(), "4 x 60 KiB fit in 256 KiB, 5 do not");
        assertTrue(peer.kept().get(3).startsWith("19"), "the newest are kept");
        assertEquals(4 * 2L * (KB_60.length() + 2), memory.held());
        peer.forget();
        assertEquals(0, memory.held(), "a freed slot gives its bytes back");
    }

    @Test
    void anAwayPeerIsRefusedOnceItsSlotBytesWaitAndGetsThemAllOnResume() {
        HeldMemory memory = new HeldMemory(64L << 20);
        Retention keep = new Retention(64, 256 * 1024, memory);
        Peer peer = peer(new FakeLink());
        peer.deliver("before", keep);
        peer.goAway(0);
        int accepted = 0;
        while (peer.deliver(accepted + KB_60, keep)) {
            accepted++;
        }
        assertEquals(4, accepted, "then the sender is told no-peer");
        FakeLink back = new FakeLink();
        peer.takeOver(new Room("r"), new Client(back, "r", new TokenBucket(1000, 1000, 0), 0), "t2");
        assertEquals(0, peer.replay(1L), "nothing the peer missed was let go");
        assertEquals(4, back.sent.size());
    }

    @Test
    void theSharedBudgetBoundsAllSlotsTogether() {
        HeldMemory memory = new HeldMemory(300 * 1024);
        Retention keep = new Retention(64, 256 * 1024, memory);
        Peer first = peer(new FakeLink());
        Peer second = peer(new FakeLink());
        for (int i = 0; i < 4; i++) {
            first.deliver(KB_60, keep);
        }
        second.goAway(0);
        assertTrue(second.deliver(KB_60, keep), "60 KiB more fit in 300 KiB");
        assertFalse(second.deliver(KB_60, keep), "the budget is spent: an away peer is refused");
        FakeLink link = new FakeLink();
        Peer third = peer(link);
        assertTrue(third.deliver(KB_60, keep), "a present peer still gets the frame");
        assertEquals(1, link.sent.size());
        assertEquals(0, third.kept().size(), "but nothing is kept for it");
        assertTrue(memory.held() <= memory.budget());
        first.forget();
        second.forget();
        third.forget();
        assertEquals(0, memory.held());
    }

    @Test
    void aFrameLargerThanTheSlotIsDeliveredButNotKept() {
        HeldMemory memory = new HeldMemory(64L << 20);
        Retention keep = new Retention(64, 1024, memory);
        FakeLink link = new FakeLink();
        Peer peer = peer(link);
        peer.deliver("small", keep);
        peer.deliver("y".repeat(4096), keep);
        assertEquals(2, link.sent.size());
        assertEquals(0, peer.kept().size(), "the kept frames stay contiguous: older ones are let go too");
        assertEquals(2, peer.delivered());
        assertEquals(0, memory.held());
    }

    @Test
    void theBudgetHoldsExactlyWhatIsKeptWhileFramesOfVaryingSizesComeAndGo() {
        HeldMemory memory = new HeldMemory(64L << 20);
        Retention keep = new Retention(3, 256 * 1024, memory);
        Peer present = peer(new FakeLink());
        Peer away = peer(new FakeLink());
        away.goAway(0);
        for (int i = 0; i < 12; i++) {
            String frame = "f".repeat(1 + (i * 37) % 50);
            present.deliver(frame, keep);
            if (i < 3) {
                assertTrue(away.deliver(frame, keep));
            }
            long kept = 0;
            for (Peer peer : new Peer[] {present, away}) {
                for (String text : peer.kept()) {
                    kept += HeldMemory.bytes(text);
                }
            }
            assertEquals(kept, memory.held(), "after frame " + i);
        }
        assertEquals(3, present.kept().size());
        present.forget();
        away.forget();
        assertEquals(0, memory.held());
    }
}
