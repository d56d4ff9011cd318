// Reads RTCPeerConnection.getStats(): which path the media takes (direct host, through NAT
// as srflx/prflx, or relayed by TURN), the round-trip time and the bitrates.

export async function snapshot(pc, previous) {
    const report = await pc.getStats();
    const byId = new Map();
    report.forEach((s) => byId.set(s.id, s));
    let pair = null;
    report.forEach((s) => {
        if (s.type === 'transport' && s.selectedCandidatePairId) pair = byId.get(s.selectedCandidatePairId);
    });
    if (!pair) {
        report.forEach((s) => {
            if (!pair && s.type === 'candidate-pair' && s.state === 'succeeded' && s.nominated) pair = s;
        });
    }
    const local = pair && byId.get(pair.localCandidateId);
    const remote = pair && byId.get(pair.remoteCandidateId);
    let bytesIn = 0;
    let bytesOut = 0;
    let framesDecoded = 0;
    report.forEach((s) => {
        if (s.type === 'inbound-rtp') {
            bytesIn += s.bytesReceived || 0;
            if (s.kind === 'video') framesDecoded += s.framesDecoded || 0;
        }
        if (s.type === 'outbound-rtp') bytesOut += s.bytesSent || 0;
    });
    const now = performance.now();
    const seconds = previous ? (now - previous.at) / 1000 : 0;
    return {
        at: now,
        bytesIn,
        bytesOut,
        framesDecoded,
        path: path(local, remote),
        localType: local ? local.candidateType : null,
        remoteType: remote ? remote.candidateType : null,
        protocol: local ? local.protocol : null,
        rttMs: pair && pair.currentRoundTripTime !== undefined ? Math.round(pair.currentRoundTripTime * 1000) : null,
        inKbps: seconds > 0 ? Math.round((bytesIn - previous.bytesIn) * 8 / seconds / 1000) : null,
        outKbps: seconds > 0 ? Math.round((bytesOut - previous.bytesOut) * 8 / seconds / 1000) : null,
    };
}

/** 'relay' if either end is a TURN relay, 'srflx' if either went through a NAT, else 'host'. */
export function path(local, remote) {
    if (!local || !remote) return null;
    const types = [local.candidateType, remote.candidateType];
    if (types.includes('relay')) return 'relay';
    if (types.includes('srflx') || types.includes('prflx')) return 'srflx';
    return 'host';
}

export const PATH_LABELS = {
    host: 'direct (host)',
    srflx: 'direct via NAT (srflx)',
    relay: 'relayed through TURN',
};
