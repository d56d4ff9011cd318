package app.duet.webhooks.control;

import app.duet.calls.entity.CallRecord;
import app.duet.signaling.entity.CallEvent;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * What is known of one call for its {@code call.started} and {@code call.ended}: from this node's
 * call events, and, for what a node cannot know (in a cluster the other side's user and path are
 * the other node's; a call this node did not see start), from the shared call history. Setting a
 * field twice to the same value changes nothing, so a batch of events may be applied again.
 */
final class CallFacts {

    final String callId;
    String room;
    /** Epoch millis; null while unknown. */
    Long startedAt;
    Long endedAt;
    String endReason;
    String firstName;
    String secondName;
    String firstUser;
    String secondUser;
    String firstPath;
    String secondPath;
    /** Each side's quality figures as last reported (issue 18); null while unknown. */
    final Integer[] setupMs = new Integer[2];
    final Integer[] rttMs = new Integer[2];
    final Integer[] iceRestarts = new Integer[2];
    final Boolean[] reconnected = new Boolean[2];

    CallFacts(String callId) {
        this.callId = callId;
    }

    void apply(CallEvent event) {
        if (event instanceof CallEvent.Started s) {
            room = s.room();
            startedAt = s.at();
            firstName = s.firstName();
            secondName = s.secondName();
        } else if (event instanceof CallEvent.UserKnown u) {
            if (u.first()) {
                firstUser = u.user();
            } else {
                secondUser = u.user();
            }
        } else if (event instanceof CallEvent.QualityReported p) {
            if (p.first()) {
                firstPath = p.path();
            } else {
                secondPath = p.path();
            }
            int side = p.first() ? 0 : 1;
            setupMs[side] = p.setupMs() != null ? p.setupMs() : setupMs[side];
            rttMs[side] = p.rttMs() != null ? p.rttMs() : rttMs[side];
            iceRestarts[side] = p.iceRestarts() != null ? p.iceRestarts() : iceRestarts[side];
            reconnected[side] = p.reconnected() != null ? p.reconnected() : reconnected[side];
        } else if (event instanceof CallEvent.Ended e) {
            endedAt = e.at();
            endReason = e.reason().wire();
        }
    }

    /**
     * Fills what is still unknown from the call's record in the history. Its start wins: both
     * nodes of a call record one, by their own clocks, and the history keeps the first written.
     */
    void fill(CallRecord record) {
        room = room != null ? room : record.getRoom();
        startedAt = record.getStartedAt() != null ? millis(record.getStartedAt()) : startedAt;
        firstName = firstName != null ? firstName : record.getFirstName();
        secondName = secondName != null ? secondName : record.getSecondName();
        firstUser = firstUser != null ? firstUser : record.getFirstUser();
        secondUser = secondUser != null ? secondUser : record.getSecondUser();
        firstPath = firstPath != null ? firstPath : record.getFirstPath();
        secondPath = secondPath != null ? secondPath : record.getSecondPath();
        // in a cluster the other side's figures were reported to the other node
        setupMs[0] = setupMs[0] != null ? setupMs[0] : record.getFirstSetupMs();
        setupMs[1] = setupMs[1] != null ? setupMs[1] : record.getSecondSetupMs();
        rttMs[0] = rttMs[0] != null ? rttMs[0] : record.getFirstRttMs();
        rttMs[1] = rttMs[1] != null ? rttMs[1] : record.getSecondRttMs();
        iceRestarts[0] = iceRestarts[0] != null ? iceRestarts[0] : record.getFirstIceRestarts();
        iceRestarts[1] = iceRestarts[1] != null ? iceRestarts[1] : record.getSecondIceRestarts();
        reconnected[0] = reconnected[0] != null ? reconnected[0] : record.getFirstReconnected();
        reconnected[1] = reconnected[1] != null ? reconnected[1] : record.getSecondReconnected();
    }

    /** Call duration in millis, as the history computes it (never negative); null until ended. */
    Long durationMs() {
        return endedAt == null || startedAt == null ? null : Math.max(0, endedAt - startedAt);
    }

    private static Long millis(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
