// Reads RTCPeerConnection.getStats(): which path the media takes (direct host, through NAT
// as srflx/prflx, or relayed by TURN), the round-trip time and the bitrates.
// A peer-reflexive (prflx) candidate is only an address learned from a connectivity check
// before (or instead of) the candidate signaled for it: when that address is one of the same
// side's host addresses, the path is a direct host path, not one through a NAT.

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
        path: path(local, remote, hostAddresses(report, pc.localDescription, pc.remoteDescription)),
        localType: local ? local.candidateType : null,
        remoteType: remote ? remote.candidateType : null,
        protocol: local ? local.protocol : null,
        rttMs: pair && pair.currentRoundTripTime !== undefined ? Math.round(pair.currentRoundTripTime * 1000) : null,
        inKbps: seconds > 0 ? Math.round((bytesIn - previous.bytesIn) * 8 / seconds / 1000) : null,
        outKbps: seconds > 0 ? Math.round((bytesOut - previous.bytesOut) * 8 / seconds / 1000) : null,
    };
}

/**
 * 'relay' if either end is a TURN relay, 'srflx' if either end is an address a NAT gave (server
 * or peer reflexive), else 'host'. `hosts` ({local, remote}: sets of addresses, see
 * hostAddresses) tells which prflx candidates are in fact a host address of their side.
 */
export function path(local, remote, hosts = {local: new Set(), remote: new Set()}) {
    if (!local || !remote) return null;
    const types = [kind(local, hosts.local), kind(remote, hosts.remote)];
    if (types.includes('relay')) return 'relay';
    if (types.includes('srflx')) return 'srflx';
    return 'host';
}

/** What a candidate really is: its type, except that a prflx one at one of `hostAddresses` is 'host'. */
export function kind(candidate, hostAddresses = new Set()) {
    const type = candidate.candidateType;
    if (type !== 'prflx') return type;
    const where = address(candidate);
    return where && hostAddresses.has(where) ? 'host' : 'srflx';
}

/**
 * The host candidates' addresses of each side, {local, remote}: from the stats report and from
 * the candidates in the local and remote descriptions (the remote one holds the peer's candidates
 * received through signaling). Both are needed: a browser that first learned an address as prflx
 * may list only that prflx candidate in its stats, even after the peer's host candidate for the
 * same address arrived (Firefox does).
 */
export function hostAddresses(report, localDescription = null, remoteDescription = null) {
    const hosts = {local: sdpHostAddresses(localDescription), remote: sdpHostAddresses(remoteDescription)};
    report.forEach((s) => {
        if ((s.type !== 'local-candidate' && s.type !== 'remote-candidate') || s.candidateType !== 'host') return;
        const where = address(s);
        if (where) (s.type === 'local-candidate' ? hosts.local : hosts.remote).add(where);
    });
    return hosts;
}

/** The addresses of the host candidates in a session description ('a=candidate:' lines). */
export function sdpHostAddresses(description) {
    const hosts = new Set();
    if (!description || !description.sdp) return hosts;
    for (const line of description.sdp.split(/\r?\n/)) {
        // a=candidate:foundation component transport priority address port typ type ...
        const fields = line.startsWith('a=candidate:') ? line.split(' ') : [];
        if (fields[6] === 'typ' && fields[7] === 'host') hosts.add(normal(fields[4]));
    }
    return hosts;
}

// a stats candidate's 'address' (older browsers: 'ip'), as normal() gives it
function address(candidate) {
    const where = candidate.address || candidate.ip;
    return where ? normal(where) : null;
}

// lower case and without IPv6 brackets
function normal(where) {
    return String(where).toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

export const PATH_LABELS = {
    host: 'direct (host)',
    srflx: 'direct via NAT (srflx)',
    relay: 'relayed through TURN',
};
