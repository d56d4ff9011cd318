// What the page tells the server about its side of a call, for the call history (issue 18): the
// set-up time (from the join click, or from the other peer's arrival when we were waiting for it,
// to the first 'connected'), the path, the round-trip time (median of the samples taken each
// second), the ICE restarts and whether the connection was ever lost and came back. A report goes
// out when the path changes, at most every 10 s when a figure changed, and once more on hang-up.
// Figures stay inside the bounds the server checks (it refuses a stats message otherwise).

export const REPORT_EVERY_MS = 10000;
const MAX_SETUP_MS = 600000;
const MAX_RTT_MS = 60000;
const MAX_ICE_RESTARTS = 10000;

export class CallQuality {
    /** @param startedAt when set-up began (performance.now()) */
    constructor(startedAt) {
        this.startedAt = startedAt;
        this.setupMs = null;
        this.path = null;
        this.rtts = [];
        this.lost = false;
        this.reconnected = false;
        this.sent = null;      // the last report sent (for diagnostics and the browser tests)
        this.sentAt = -Infinity;
    }

    /** The peer connection's connectionState changed. */
    state(state, now) {
        if (state === 'connected') {
            if (this.setupMs === null) this.setupMs = Math.round(now - this.startedAt);
            if (this.lost) this.reconnected = true;
            this.lost = false;
        } else if ((state === 'disconnected' || state === 'failed') && this.setupMs !== null) {
            this.lost = true;
        }
    }

    /** A stats snapshot (stats.js), taken each second. */
    sample(stats) {
        if (stats.path) this.path = stats.path;
        if (Number.isFinite(stats.rttMs)) this.rtts.push(stats.rttMs);
    }

    rttMedian() {
        if (this.rtts.length === 0) return null;
        const sorted = [...this.rtts].sort((a, b) => a - b);
        const mid = sorted.length >> 1;
        return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
    }

    report(iceRestarts) {
        const message = {type: 'stats', path: this.path};
        if (this.setupMs !== null && this.setupMs >= 0 && this.setupMs <= MAX_SETUP_MS) message.setupMs = this.setupMs;
        const rtt = this.rttMedian();
        if (rtt !== null) message.rttMs = Math.min(Math.max(rtt, 0), MAX_RTT_MS);
        message.iceRestarts = Math.min(iceRestarts, MAX_ICE_RESTARTS);
        message.reconnected = this.reconnected;
        return message;
    }

    /**
     * The report to send now, or null: none before the first 'connected' with a known path, none
     * when nothing changed; a changed path at once, other changes at most every 10 s, and
     * {@code last} (hang-up) whenever something changed.
     */
    due(iceRestarts, now, last = false) {
        if (!this.path || this.setupMs === null) return null;
        const report = this.report(iceRestarts);
        if (this.sent && JSON.stringify(report) === JSON.stringify(this.sent)) return null;
        if (!last && this.sent && report.path === this.sent.path && now - this.sentAt < REPORT_EVERY_MS) return null;
        this.sent = report;
        this.sentAt = now;
        return report;
    }
}
