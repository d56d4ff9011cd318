// The signaling client: one WebSocket to signal/{room}, join and resume, reconnect after a blip.
// Emits 'joined', 'peer-joined', 'peer-left', 'offer', 'answer', 'candidate', 'message',
// 'server-error', 'state' (detail: connecting | open | reconnecting | closed) and 'lost'
// (the slot could not be resumed: the call is over on the server's side).

const UNCOUNTED = new Set(['joined', 'error', 'pong']);
const PING_EVERY_MS = 10000;
const SILENCE_LIMIT_MS = 25000;
const RETRY_MS = [250, 500, 1000, 2000, 3000];
// close codes after which reconnecting makes no sense
const FINAL_CLOSE = new Set([1008, 4001]);

export class SignalingClient extends EventTarget {
    constructor(roomId, name) {
        super();
        this.roomId = roomId;
        this.name = name;
        this.socket = null;
        this.resumeToken = null;
        this.received = 0;       // messages counted for resume (all but joined, error, pong)
        this.outbox = [];        // messages waiting for the socket to be back
        this.leaving = false;
        this.attempt = 0;
        this.pingTimer = null;
        this.lastHeard = 0;
    }

    get url() {
        const url = new URL(`signal/${encodeURIComponent(this.roomId)}`, document.baseURI);
        url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
        return url.href;
    }

    connect() {
        this.leaving = false;
        this.open(false);
    }

    open(resuming) {
        this.emit('state', resuming ? 'reconnecting' : 'connecting');
        const socket = new WebSocket(this.url);
        this.socket = socket;
        socket.onopen = () => {
            this.lastHeard = Date.now();
            const join = {type: 'join'};
            if (this.name) join.name = this.name;
            if (resuming && this.resumeToken) {
                join.resume = this.resumeToken;
                join.received = this.received;
            }
            socket.send(JSON.stringify(join));
            this.startPings(socket);
        };
        socket.onmessage = (event) => this.receive(JSON.parse(event.data));
        socket.onclose = (event) => {
            if (socket !== this.socket) return;
            this.stopPings();
            if (this.leaving || FINAL_CLOSE.has(event.code)) {
                this.emit('state', 'closed');
                return;
            }
            this.retry();
        };
    }

    retry() {
        const delay = RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)];
        this.attempt++;
        this.emit('state', 'reconnecting');
        setTimeout(() => { if (!this.leaving) this.open(this.resumeToken !== null); }, delay);
    }

    receive(message) {
        this.lastHeard = Date.now();
        if (!UNCOUNTED.has(message.type)) this.received++;
        switch (message.type) {
            case 'joined':
                this.attempt = 0;
                this.resumeToken = message.resume;
                this.emit('state', 'open');
                this.emit('joined', message);
                this.flush();
                break;
            case 'error':
                if (message.code === 'bad-resume') {
                    // our slot is gone: the other side was told we left; start over as a new peer
                    this.resumeToken = null;
                    this.received = 0;
                    this.outbox = [];
                    this.emit('lost', message);
                    this.socket.send(JSON.stringify(this.name ? {type: 'join', name: this.name} : {type: 'join'}));
                } else {
                    this.emit('server-error', message);
                }
                break;
            case 'pong':
                break;
            default:
                this.emit(message.type, message);
        }
    }

    send(message) {
        if (this.socket && this.socket.readyState === WebSocket.OPEN && this.resumeToken) {
            this.socket.send(JSON.stringify(message));
        } else {
            this.outbox.push(message);
        }
    }

    flush() {
        const waiting = this.outbox;
        this.outbox = [];
        waiting.forEach((m) => this.send(m));
    }

    leave() {
        this.leaving = true;
        this.stopPings();
        if (this.socket && this.socket.readyState === WebSocket.OPEN) {
            this.socket.send(JSON.stringify({type: 'leave'}));
            this.socket.close(1000, 'left');
        }
        this.resumeToken = null;
    }

    // The server pings us too, but a browser cannot see those: our own pings tell us when a
    // socket has silently died (e.g. the network changed), so we can reconnect quickly.
    startPings(socket) {
        this.stopPings();
        this.pingTimer = setInterval(() => {
            if (Date.now() - this.lastHeard > SILENCE_LIMIT_MS) {
                socket.close(4000, 'silent');
                return;
            }
            if (socket.readyState === WebSocket.OPEN) socket.send('{"type":"ping"}');
        }, PING_EVERY_MS);
    }

    stopPings() {
        clearInterval(this.pingTimer);
    }

    emit(type, detail) {
        this.dispatchEvent(new CustomEvent(type, {detail}));
    }
}
