package app.duet.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.duet.signaling.entity.CallEvent;
import app.duet.signaling.entity.EndReason;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenCallsTest {

    final OpenCalls calls = new OpenCalls();

    @Test
    void unendedAreTheCallsSeenStartAndNotEndOldestFirst() {
        calls.of("a").apply(new CallEvent.Started("a", "room-a", 1, "Ann", "Ben"));
        calls.of("b").apply(new CallEvent.Started("b", "room-b", 2, "Cat", "Dan"));
        calls.of("c").apply(new CallEvent.Started("c", "room-c", 3, "Eve", "Fay"));
        calls.of("c").apply(new CallEvent.Ended("c", 4, EndReason.HANG_UP));
        calls.of("late").apply(new CallEvent.QualityReported("late", true, "host")); // a report after its call's end
        assertEquals(List.of("a", "b"), calls.unended());
        calls.forget("a");
        assertEquals(List.of("b"), calls.unended());
    }
}
