package app.duet.signaling.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.duet.signaling.control.HeldMemory;
import org.junit.jupiter.api.Test;

/** A message arriving in parts holds at most the protocol's limit, within the shared budget (issue 13, item 2). */
class MessageAssemblyTest {

    @Test
    void keepsPartsUpToTheLimitAndReleasesThemWhenComplete() {
        HeldMemory memory = HeldMemory.withBudget(1 << 20);
        MessageAssembly message = new MessageAssembly(memory, 10);
        assertTrue(message.add("{\"a\":"));
        assertTrue(message.add("1}"));
        assertEquals(2 * 7, memory.held());
        assertEquals("{\"a\":1}", message.complete());
        assertEquals(0, memory.held());
    }

    @Test
    void pastTheLimitDropsEverythingAndOnlyTheVerdictRemains() {
        HeldMemory memory = HeldMemory.withBudget(1 << 20);
        MessageAssembly message = new MessageAssembly(memory, 10);
        assertTrue(message.add("12345678"));
        assertTrue(message.add("901"));
        assertEquals(0, memory.held(), "nothing kept past the limit");
        assertTrue(message.add("x".repeat(100_000)));
        assertEquals(0, memory.held());
        assertNull(message.complete(), "too large");
    }

    @Test
    void aSocketThatWouldPassTheSharedBudgetIsRefused() {
        HeldMemory memory = HeldMemory.withBudget(100);
        MessageAssembly first = new MessageAssembly(memory, 1000);
        MessageAssembly second = new MessageAssembly(memory, 1000);
        assertTrue(first.add("x".repeat(40)));
        assertFalse(second.add("y".repeat(20)), "80 + 40 bytes would pass the budget of 100");
        assertEquals(80, memory.held());
        first.discard();
        assertEquals(0, memory.held());
    }
}
