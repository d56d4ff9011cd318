// Perfect negotiation (W3C WebRTC 1.0, "Perfect negotiation example") over one RTCPeerConnection,
// with the role the server assigned. Incoming descriptions and candidates are handled one at a
// time, in order. The peer already in the room offers first; the newcomer adds its media when the
// first offer arrives, so a call starts without glare (later renegotiations may collide: that is
// what the polite/impolite roles resolve). ICE restarts when the connection fails, stays
// disconnected, or does not connect at all.
// Emits 'track' (detail: RTCTrackEvent) and 'state' (detail: the connectionState).

const DISCONNECTED_GRACE_MS = 3000;
const CONNECT_WATCHDOG_MS = 8000;
const MAX_EARLY_CANDIDATES = 200;

export class Negotiation extends EventTarget {
    /**
     * @param addMedia called with the RTCPeerConnection to add tracks and data channels: at once
     *        when offerFirst, else when the first offer has arrived
     */
    constructor(signaling, polite, configuration, addMedia, offerFirst) {
        super();
        this.signaling = signaling;
        this.polite = polite;
        this.pc = new RTCPeerConnection(configuration);
        this.makingOffer = false;
        this.ignoreOffer = false;
        this.queue = Promise.resolve();
        this.early = [];           // candidates that came before a description they could fit
        this.addMedia = addMedia;
        this.timers = {};
        // for diagnostics and the browser tests: offers that crossed ours, and ICE restarts by cause
        this.collisions = 0;
        this.restarts = {failed: 0, disconnected: 0, unconnected: 0, asked: 0};

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
        if (offerFirst) this.mediaOnce();
        this.arm('watchdog', CONNECT_WATCHDOG_MS, () => this.unconnected());
    }

    mediaOnce() {
        if (!this.addMedia) return;
        const add = this.addMedia;
        this.addMedia = null;
        add(this.pc);
    }

    async offer() {
        try {
            this.makingOffer = true;
            await this.pc.setLocalDescription();
            if (this.pc.signalingState !== 'have-local-offer') return; // overtaken by a remote offer
            console.debug('negotiation: sending offer');
            this.signaling.send({type: 'offer', sdp: this.pc.localDescription.sdp});
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
        if (collision) this.collisions++;
        console.debug('negotiation: received', description.type, this.pc.signalingState,
            collision ? 'collision' : '', this.ignoreOffer ? 'ignored' : '');
        if (this.ignoreOffer) return;
        await this.pc.setRemoteDescription(description);
        if (description.type === 'offer') {
            this.mediaOnce();
            await this.pc.setLocalDescription();
            this.signaling.send({type: 'answer', sdp: this.pc.localDescription.sdp});
        }
        await this.retryEarly();
    }

    async candidate(candidate) {
        try {
            await this.pc.addIceCandidate(candidate === null ? null : candidate);
        } catch (error) {
            if (this.ignoreOffer || !this.pc.remoteDescription) {
                // may fit the next description (a transport kept across a rollback): keep it
                if (this.early.length < MAX_EARLY_CANDIDATES) this.early.push(candidate);
                return;
            }
            throw error;
        }
    }

    async retryEarly() {
        const early = this.early;
        this.early = [];
        for (const candidate of early) {
            await this.pc.addIceCandidate(candidate).catch(() => {}); // a stale one does not fit: fine
        }
    }

    watch() {
        const state = this.pc.connectionState;
        this.emit('state', state);
        this.clear('disconnected');
        if (state === 'connected') {
            this.clear('watchdog');
        } else if (state === 'failed') {
            this.restart('failed');
        } else if (state === 'disconnected') {
            this.arm('disconnected', DISCONNECTED_GRACE_MS, () => {
                if (this.pc.connectionState === 'disconnected') this.restart('disconnected');
            });
        }
    }

    unconnected() {
        if (this.pc.connectionState === 'connected' || this.pc.signalingState === 'closed') return;
        console.debug('negotiation: not connected in time, restarting ICE');
        this.mediaOnce(); // no offer came: offer ourselves
        this.restart('unconnected');
    }

    /** New ICE servers (fresh TURN credentials): used from the next gathering, e.g. an ICE restart. */
    configure(configuration) {
        if (this.pc.signalingState !== 'closed') this.pc.setConfiguration({...this.pc.getConfiguration(), ...configuration});
    }

    /** @param cause 'failed', 'disconnected' (for 3 s), 'unconnected' (watchdog), or 'asked' (a caller) */
    restart(cause = 'asked') {
        if (this.pc.signalingState === 'closed') return;
        this.restarts[cause]++;
        console.debug('negotiation: ICE restart,', cause);
        this.pc.restartIce();
        this.arm('watchdog', CONNECT_WATCHDOG_MS, () => this.unconnected());
    }

    arm(name, ms, action) {
        this.clear(name);
        this.timers[name] = setTimeout(action, ms);
    }

    clear(name) {
        clearTimeout(this.timers[name]);
    }

    close() {
        Object.keys(this.timers).forEach((name) => this.clear(name));
        for (const [type, handler] of Object.entries(this.handlers)) this.signaling.removeEventListener(type, handler);
        this.pc.close();
    }

    emit(type, detail) {
        this.dispatchEvent(new CustomEvent(type, {detail}));
    }
}
