package app.duet.webhooks.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts of the calls this node has seen start and not yet seen end, at most {@link #MAX}
 * (~300 bytes each): in a cluster the end of a call is recorded by one node only, so the other
 * node's entry would never leave; past the bound the oldest entry goes, and its call's end is then
 * told from the shared history. Not thread-safe: {@link OutboxWriter} owns it.
 */
final class OpenCalls {

    static final int MAX = 10_000;

    private final Map<String, CallFacts> calls = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CallFacts> eldest) {
            return size() > MAX;
        }
    };

    CallFacts of(String callId) {
        return calls.computeIfAbsent(callId, CallFacts::new);
    }

    /** The calls seen start and not end, oldest first. */
    List<String> unended() {
        return calls.values().stream().filter(c -> c.startedAt != null && c.endedAt == null).map(c -> c.callId).toList();
    }

    void forget(String callId) {
        calls.remove(callId);
    }

    int size() {
        return calls.size();
    }
}
