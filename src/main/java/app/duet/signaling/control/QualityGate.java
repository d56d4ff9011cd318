package app.duet.signaling.control;

import app.duet.signaling.entity.Quality;

/**
 * Which of one peer's stats reports become call events. An anonymous peer may send a stats frame
 * as often as its rate limit lets it, and each event becomes a history (and webhook outbox)
 * update, so: a report the same as the last one passed on is dropped; a changed one passes at
 * most once every {@link #EVERY_MS} per peer and call; one that comes sooner is held back, the
 * newest replacing the older, and passed on by the first report after the wait or, at the
 * latest, when the call ends or the peer leaves ({@link CallTracker#flush}), so that the last
 * report before the end is never lost. Bound: at most one event per peer every 5 s, plus one at
 * the end. Our page sends a report when its path changes and at most every 10 s otherwise, so it
 * is held back only around path changes and hang-up. Guarded by the lock of the peer's room.
 */
final class QualityGate {

    static final long EVERY_MS = 5_000;

    private String callId;
    private Quality passed;
    private Quality held;
    private long passedAt;

    /** The report to pass on now for {@code callId}, or null (dropped or held back). */
    Quality offer(String callId, Quality report, long now) {
        if (!callId.equals(this.callId)) {
            // a new call (the other peer changed): nothing passed on for it yet
            this.callId = callId;
            passed = null;
            held = null;
        }
        if (report.equals(passed)) {
            held = null;
            return null;
        }
        if (passed != null && now - passedAt < EVERY_MS) {
            held = report;
            return null;
        }
        held = null;
        passed = report;
        passedAt = now;
        return report;
    }

    /** The report held back for {@code callId}, once (null when none): the call ends or the peer leaves. */
    Quality flush(String callId) {
        Quality last = callId.equals(this.callId) ? held : null;
        if (last != null) {
            passed = last;
            held = null;
        }
        return last;
    }
}
