// The ICE servers (STUN, TURN with credentials) of a call. They come with every 'joined' (a resumed
// one too) and, when asked for with {"type":"ice-servers"}, in an 'ice-servers' answer; before the
// TURN credentials expire (iceExpiresAt) this asks for fresh ones, so that a long call can still
// restart ICE through TURN. Nothing here touches the RTCPeerConnection: whoever holds it listens
// for 'change' (detail: the configuration) and applies it.

const MIN_REFRESH_MS = 10000;     // never ask more often than this, whatever the lifetime
const REFRESH_AT = 0.8;           // ask when 80 % of the credentials' lifetime has passed
const UNANSWERED_RETRY_MS = 30000; // asked (or could not ask) and got nothing: ask again after this

export class IceServers extends EventTarget {
    /** @param signaling the SignalingClient the questions go through */
    constructor(signaling) {
        super();
        this.signaling = signaling;
        this.config = {iceServers: []};
        this.expiresAt = null;
        this.timer = null;
        this.requests = 0;  // for diagnostics and the browser tests
    }

    /** Takes the ICE servers a 'joined' or 'ice-servers' message carries (if any) and plans the next question. */
    use(message) {
        if (!Array.isArray(message.iceServers)) return; // a server that sends none: keep what we have
        this.config = {iceServers: message.iceServers, iceTransportPolicy: message.iceTransportPolicy || 'all'};
        this.expiresAt = typeof message.iceExpiresAt === 'number' ? message.iceExpiresAt : null;
        this.dispatchEvent(new CustomEvent('change', {detail: this.config}));
        if (this.expiresAt !== null) this.schedule(Math.max(MIN_REFRESH_MS, (this.expiresAt - Date.now()) * REFRESH_AT));
    }

    schedule(ms) {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.ask(), ms);
    }

    ask() {
        // while the socket is away, the resumed 'joined' brings fresh ones: no question needed
        if (this.signaling.connected) {
            this.requests++;
            this.signaling.send({type: 'ice-servers'});
        }
        this.schedule(UNANSWERED_RETRY_MS);
    }

    stop() {
        clearTimeout(this.timer);
    }
}
