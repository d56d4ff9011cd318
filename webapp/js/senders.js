// Our tracks on a call's peer connection. Our media may come late (joined while the camera prompt
// was up), be partly or wholly missing (audio only, receive only) or be added mid-call: each side
// keeps one audio and one video transceiver per call, sending on it when it has a track, receiving
// only when not; a track that comes or goes later changes its direction, and perfect negotiation
// renegotiates.

/** What we send of a kind: our microphone, or for video the shared screen or else the camera. */
function outgoing(media, kind) {
    return kind === 'video' ? media.outgoingVideo : media.track('audio');
}

/** The transceiver that carries our audio or our video in this call, or null. */
function transceiverOf(pc, kind) {
    return pc.getTransceivers().find((t) => t.receiver.track.kind === kind
        && t.direction !== 'stopped' && t.currentDirection !== 'stopped') || null;
}

/**
 * A transceiver of each kind, added when the negotiation is ready for them: sending what we have
 * (the answerer's reuse the offer's), receiving only where we have nothing yet.
 */
export function addTracks(pc, media) {
    for (const kind of ['audio', 'video']) {
        const track = outgoing(media, kind);
        if (track) pc.addTrack(track, ...(media.stream ? [media.stream] : []));
        else if (!transceiverOf(pc, kind)) pc.addTransceiver(kind, {direction: 'recvonly'});
    }
}

/**
 * Puts our current tracks on the senders after they changed: a replaced track goes out at once
 * (replaceTrack, no renegotiation); a track where there was none, or none where there was one,
 * changes the transceiver's direction, and that renegotiates.
 */
export async function sendTracks(pc, media) {
    for (const kind of ['audio', 'video']) {
        const track = outgoing(media, kind);
        const transceiver = transceiverOf(pc, kind);
        if (!transceiver) {
            if (track) pc.addTrack(track, ...(media.stream ? [media.stream] : []));
            continue;
        }
        if (transceiver.sender.track !== track) await transceiver.sender.replaceTrack(track);
        if (pc.signalingState === 'closed') return;
        const sending = transceiver.direction === 'sendrecv' || transceiver.direction === 'sendonly';
        if (track && !sending) {
            // in our stream, as the first tracks were: the other side shows them together
            if (media.stream && transceiver.sender.setStreams) transceiver.sender.setStreams(media.stream);
            transceiver.direction = transceiver.direction === 'inactive' ? 'sendonly' : 'sendrecv';
        } else if (!track && sending) {
            transceiver.direction = transceiver.direction === 'sendonly' ? 'inactive' : 'recvonly';
        }
    }
}
