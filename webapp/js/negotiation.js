// Perfect negotiation (W3C WebRTC 1.0, "Perfect negotiation example") over one RTCPeerConnection,
// with the role the server assigned. Incoming descriptions and candidates are handled one at a
// time, in order. The connection restarts ICE when it fails or stays disconnected.
// Emits 'track' (detail: RTCTrackEvent) and 'state' (detail: the connectionState).

const DISCONNECTED_GRACE_MS = 3000;

export class Negotiation extends EventTarget {
    constructor(signaling, polite, iceServers) {
        super();
        this.signaling = signaling;
        this.polite = polite;
        this.pc = new RTCPeerConnection({iceServers});
        this.makingOffer = false;
        this.ignoreOffer = false;
        this.queue = Promise.resolve();
        this.disconnectedTimer = null;

        this.pc.onnegotiationneeded = () => this.offer();
        this.pc.onicecandidate = ({candidate}) =>
            this.signaling.send({type: 'candidate', candidate: candidate ? candidate.toJSON() : null});
        this.pc.ontrack = (event) => this.emit('track', event);
        this.pc.onconnectionstatechange = () => this.watch();

        this.handlers = {
            offer: (e) => this.enqueue(() => this.description({type: 'offer', sdp: e.detail.sdp})),
            answer: (e) => this.enqueue(() => this.description({type: 'answer', sdp: e.detail.sdp})),
            candidate: (e) => this.enqueue(() => this.candidate(e.detail.candidate)),
        };
        for (const [type, handler] of Object.entries(this.handlers)) signaling.addEventListener(type, handler);
    }

    async offer() {
        try {
            this.makingOffer = true;
            await this.pc.setLocalDescription();
            this.signaling.send({type: this.pc.localDescription.type, sdp: this.pc.localDescription.sdp});
        } catch (error) {
            console.warn('Could not make an offer', error);
        } finally {
            this.makingOffer = false;
        }
    }

    enqueue(task) {
        this.queue = this.queue.then(task).catch((error) => console.warn('Signaling message failed', error));
    }

    async description(description) {
        const collision = description.type === 'offer'
            && (this.makingOffer || this.pc.signalingState !== 'stable');
        this.ignoreOffer = !this.polite && collision;
        if (this.ignoreOffer) return;
        await this.pc.setRemoteDescription(description);
        if (description.type === 'offer') {
            await this.pc.setLocalDescription();
            this.signaling.send({type: this.pc.localDescription.type, sdp: this.pc.localDescription.sdp});
        }
    }

    async candidate(candidate) {
        try {
            await this.pc.addIceCandidate(candidate === null ? null : candidate);
        } catch (error) {
            if (!this.ignoreOffer) throw error;
        }
    }

    watch() {
        const state = this.pc.connectionState;
        this.emit('state', state);
        clearTimeout(this.disconnectedTimer);
        if (state === 'failed') {
            this.restart();
        } else if (state === 'disconnected') {
            this.disconnectedTimer = setTimeout(() => {
                if (this.pc.connectionState === 'disconnected') this.restart();
            }, DISCONNECTED_GRACE_MS);
        }
    }

    restart(iceServers) {
        if (this.pc.signalingState === 'closed') return;
        if (iceServers) this.pc.setConfiguration({...this.pc.getConfiguration(), iceServers});
        this.pc.restartIce();
    }

    close() {
        clearTimeout(this.disconnectedTimer);
        for (const [type, handler] of Object.entries(this.handlers)) this.signaling.removeEventListener(type, handler);
        this.pc.close();
    }

    emit(type, detail) {
        this.dispatchEvent(new CustomEvent(type, {detail}));
    }
}
