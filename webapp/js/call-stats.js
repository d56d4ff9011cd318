// A call's figures while it lasts: its stats once a second (the path, round trip and bit rates the
// page shows) and the quality reports the server keeps in the call history (quality.js), sent when
// due and once more at hang-up.
import {snapshot, PATH_LABELS} from './stats.js';
import * as ui from './ui.js';

/** The last quality reports sent, this page's calls (diagnostics, browser tests). */
export const reports = [];

export class CallStats {
    /** Starts reading the stats of {@code negotiation}'s connection; {@code quality}: the call's CallQuality. */
    constructor(negotiation, quality, signaling) {
        this.negotiation = negotiation;
        this.quality = quality;
        this.signaling = signaling;
        this.last = null;       // the latest snapshot
        this.reading = false;   // a getStats is under way
        this.stopped = false;
        this.timer = setInterval(() => this.update(), 1000);
    }

    async update() {
        if (this.reading || this.stopped) return;
        this.reading = true;
        try {
            const stats = await snapshot(this.negotiation.pc, this.last);
            // the call may have ended while getStats ran: its numbers are stale then
            if (this.stopped) return;
            this.last = stats;
            ui.setPath(stats.path, PATH_LABELS[stats.path], stats.rttMs, stats.inKbps, stats.outKbps);
            if (this.negotiation.pc.connectionState === 'connected') this.quality.sample(stats);
            this.report(false);
        } catch (error) {
            if (!this.stopped) console.warn('getStats failed', error);
        } finally {
            this.reading = false;
        }
    }

    /** Tells the server this call's figures when due (quality.js); {@code last}: on hang-up. */
    report(last) {
        if (this.stopped) return;
        const restarts = Object.values(this.negotiation.restarts).reduce((a, b) => a + b, 0);
        const report = this.quality.due(restarts, performance.now(), last);
        if (report) {
            this.signaling.send(report);
            reports.push(report);
            if (reports.length > 100) reports.shift();
        }
        ui.setQuality(this.quality.setupMs, this.quality.sent);
    }

    stop() {
        this.stopped = true;
        clearInterval(this.timer);
    }
}
