// The signaling client: one WebSocket to signal/{room}, join (with the join token, if any) and
// resume (never with the token: the resume token is the proof), reconnect after a blip.
// Emits 'joined', 'peer-joined', 'peer-left', 'offer', 'answer', 'candidate', 'message',
// 'ice-servers', 'server-error', 'state' (detail: connecting | open | reconnecting | closed) and
// 'lost' (the slot could not be resumed: the call is over on the server's side).

// not counted for resume: the server does not number them for our slot (answers to this socket only)
const UNCOUNTED = new Set(['joined', 'error', 'pong', 'ice-servers']);
const PING_EVERY_MS = 10000;
const SILENCE_LIMIT_MS = 25000;
const RETRY_MS = [250, 500, 1000, 2000, 3000];
// close codes after which reconnecting makes no sense
const FINAL_CLOSE = new Set([1008, 4001]);
// errors after which the server closes the socket and a new one would be refused the same way:
// never reconnect after them, whatever close code reaches us (a proxy may turn 1008 into 1006)
const FINAL_ERRORS = new Set(['unauthorized', 'room-full', 'bad-room']);

export class SignalingClient extends EventTarget {
    /** @param token the join token (kept in memory, sent in fresh joins only), or null */
    constructor(roomId, name, token = null) {
        super();
        this.roomId = roomId;
        this.name = name;
        this.token = token;
        this.socket = null;
        this.resumeToken = null;
        this.received = 0;       // messages counted for resume (all but the UNCOUNTED)
        this.outbox = [];        // messages waiting for the socket to be back
        this.leaving = false;
        this.refused = false;    // a final error came: the server closes this socket, nothing to leave
        this.attempt = 0;
        this.pingTimer = null;
        this.lastHeard = 0;
    }

    get url() {
        const url = new URL(`signal/${encodeURIComponent(this.roomId)}`, document.baseURI);
        url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
        return url.href;
    }

    /** Joined and the socket open: what is sent now goes out at once. */
    get connected() {
        return this.socket !== null && this.socket.readyState === WebSocket.OPEN && this.resumeToken !== null;
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
            socket.send(JSON.stringify(this.joinMessage(resuming && this.resumeToken !== null)));
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

    /** A fresh join carries the name and the join token; a resume its resume token and count. */
    joinMessage(resume) {
        const join = {type: 'join'};
        if (this.name) join.name = this.name;
        if (resume) {
            join.resume = this.resumeToken;
            join.received = this.received;
        } else if (this.token) {
            join.token = this.token;
        }
        return join;
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
                    this.socket.send(JSON.stringify(this.joinMessage(false)));
                } else {
                    if (FINAL_ERRORS.has(message.code)) this.leaving = this.refused = true;
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
            if (!this.refused) this.socket.send(JSON.stringify({type: 'leave'}));
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
