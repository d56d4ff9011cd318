// The call itself: signaling, perfect negotiation, chat, stats and the in-call controls.
import {SignalingClient} from './signaling.js';
import {IceServers} from './ice.js';
import {Negotiation} from './negotiation.js';
import {explainRefusedToken} from './access.js';
import {explain} from './media.js';
import {Chat} from './chat.js';
import {snapshot, PATH_LABELS} from './stats.js';
import * as ui from './ui.js';
import {msg} from './i18n.js';

const STATE_LABELS = {new: 'connecting', connecting: 'connecting', connected: 'connected',
    disconnected: 'reconnecting', failed: 'failed', closed: 'closed'};
const LEFT_REASONS = {left: 'peer.hungUp', disconnected: 'peer.lostConnection', timeout: 'peer.stoppedResponding'};

let media = null;
let ice = null;           // the ICE servers the server handed us (joined, ice-servers)
let signaling = null;
let selfId = null;
let polite = false;
let peer = null;          // {id, name}
let negotiation = null;
let chat = null;
let statsTimer = null;
let clock = null;
let lastStats = null;
let reportedPath = null;  // the path last told to the server, for the call history
const timings = {join: null, connected: null};
let rejoin = () => {};
let waiting = '';         // the placeholder while nobody else is in the room
// the server's error codes a user is told about (beyond those that end the call)
const USER_ERRORS = new Set(['bad-room', 'rate-limited', 'unavailable']);

// for diagnostics and the browser tests
window.duet = {
    get pc() { return negotiation ? negotiation.pc : null; },
    get negotiation() { return negotiation; },
    get signaling() { return signaling; },
    get ice() { return ice; },
    get stats() { return lastStats; },
    get media() { return media; },
    timings,
};

export function onRejoin(callback) {
    rejoin = callback;
}

// ---- the call -------------------------------------------------------------------------------

/**
 * Joins {@code roomId}; {@code token} is the join token of an invite link (or null), sent with
 * the join. {@code waitingText} is what the page says while nobody else is in the room.
 */
export function join(roomId, name, localMedia, token, waitingText) {
    media = localMedia;
    timings.join = performance.now();
    timings.connected = null;
    ui.show('call');
    ui.setCallState('waiting');
    waiting = waitingText;
    ui.setPlaceholder(waiting);
    ui.el('local-video').srcObject = media.stream;
    selfId = null;
    signaling = new SignalingClient(roomId, name || null, token || null);
    ice = new IceServers(signaling);
    ice.addEventListener('change', (e) => { if (negotiation) negotiation.configure(e.detail); });
    signaling.addEventListener('joined', (e) => joined(e.detail));
    signaling.addEventListener('ice-servers', (e) => ice.use(e.detail));
    signaling.addEventListener('peer-joined', (e) => startPeer(e.detail.peer, true));
    signaling.addEventListener('peer-left', (e) => peerLeft(e.detail));
    signaling.addEventListener('message', (e) => peerMessage(e.detail.data));
    signaling.addEventListener('server-error', (e) => serverError(e.detail));
    signaling.addEventListener('state', (e) => signalingState(e.detail));
    signaling.addEventListener('lost', () => {
        endPeer();
        ui.notify(msg('call.rejoined'), 'info', 'rejoined');
    });
    signaling.connect();
}

function joined(message) {
    ice.use(message); // a resumed joined carries fresh ones too
    if (message.id === selfId) return; // resumed after a signaling blip: the call goes on
    selfId = message.id;
    polite = message.polite;
    if (message.peers.length > 0) startPeer(message.peers[0], false);
}

function startPeer(info, offerFirst) {
    endPeer();
    ui.clearNotice();
    peer = info;
    ui.setPeer(info.name, true);
    ui.setCallState('connecting');
    negotiation = new Negotiation(signaling, polite, ice.config, addMedia, offerFirst);
    negotiation.addEventListener('track', (e) => {
        const video = ui.el('remote-video');
        const stream = e.detail.streams[0] || new MediaStream([e.detail.track]);
        if (video.srcObject !== stream) video.srcObject = stream;
    });
    negotiation.addEventListener('state', (e) => mediaState(e.detail));
    statsTimer = setInterval(updateStats, 1000);
    sendState();
}

/** Our tracks and the chat channel, added when the negotiation is ready for them. */
function addMedia(pc) {
    chat = new Chat(pc);
    chat.addEventListener('open', () => ui.chatEnabled(true));
    chat.addEventListener('close', () => ui.chatEnabled(false));
    chat.addEventListener('message', (e) => ui.addChat(e.detail.text, false, peer && peer.name));
    media.stream.getTracks().forEach((track) => pc.addTrack(track, media.stream));
    if (media.screenTrack) media.videoSender(pc)?.replaceTrack(media.screenTrack);
}

function endPeer() {
    if (negotiation) negotiation.close();
    negotiation = null;
    chat = null;
    peer = null;
    lastStats = null;
    reportedPath = null;
    clearInterval(statsTimer);
    stopClock();
    ui.el('remote-video').srcObject = null;
    ui.setPeer(null, false);
    ui.chatEnabled(false);
    ui.setPath(null);
}

function peerLeft({reason}) {
    const who = (peer && peer.name) || msg('peer.theOther');
    endPeer();
    ui.setCallState('waiting');
    ui.notify(msg(LEFT_REASONS[reason] || 'peer.left', {who}), 'info', 'peer-left');
    ui.setPlaceholder(waiting);
}

function mediaState(state) {
    ui.setCallState(STATE_LABELS[state] || state);
    if (state === 'connected') {
        if (timings.connected === null) timings.connected = performance.now();
        ui.clearNotice();
        startClock();
    } else if (state === 'disconnected') {
        ui.notify(msg('call.unstable'), 'info', 'media-reconnecting');
    } else if (state === 'failed') {
        ui.notify(msg('call.failed'), 'error', 'media-failed');
    }
}

function signalingState(state) {
    if (state === 'reconnecting') {
        ui.notify(msg('call.signalingLost'), 'info', 'signaling-reconnecting');
    } else if (state === 'open' && ui.el('notice').dataset.code === 'signaling-reconnecting') {
        ui.clearNotice();
    }
}

function serverError({code, message}) {
    if (code === 'room-full') {
        endCall(msg('ended.roomFull'), msg('error.room-full'), 'room-full');
    } else if (code === 'room-closed') {
        endCall(msg('ended.roomClosed'), msg('error.room-closed'), 'room-closed');
    } else if (code === 'unauthorized') {
        // the same link would be refused again: no rejoin offered, and the client does not reconnect
        endCall(msg('ended.unauthorized'), explainRefusedToken(message), 'unauthorized', false);
    } else if (code !== 'no-peer') {
        console.warn('Server refused a message:', code, message);
        // what the user can act on, by its code in the page's language (the server's sentence is English)
        if (USER_ERRORS.has(code)) ui.notify(msg(`error.${code}`), 'error', code);
    }
}

function peerMessage(data) {
    if (data && data.kind === 'state') ui.setPeerFlags(data);
}

function sendState() {
    if (!signaling || !peer) return;
    signaling.send({type: 'message', data: {kind: 'state', mic: media.micOn, camera: media.cameraOn, screen: !!media.screenTrack}});
}

async function updateStats() {
    if (!negotiation) return;
    try {
        lastStats = await snapshot(negotiation.pc, lastStats);
        ui.setPath(lastStats.path, PATH_LABELS[lastStats.path], lastStats.rttMs, lastStats.inKbps, lastStats.outKbps);
        if (lastStats.path && lastStats.path !== reportedPath && negotiation.pc.connectionState === 'connected') {
            reportedPath = lastStats.path;
            signaling.send({type: 'stats', path: reportedPath});
        }
    } catch (error) {
        console.warn('getStats failed', error);
    }
}

function startClock() {
    if (clock) return;
    const started = Date.now();
    clock = setInterval(() => ui.setTimer(Math.floor((Date.now() - started) / 1000)), 1000);
    ui.setTimer(0);
}

function stopClock() {
    clearInterval(clock);
    clock = null;
}

// ---- controls -------------------------------------------------------------------------------

ui.el('mic-btn').addEventListener('click', () => {
    media.setMic(!media.micOn);
    ui.setToggle('mic-btn', !media.micOn, msg(media.micOn ? 'call.mute' : 'call.unmute'),
        msg(media.micOn ? 'call.muteLabel' : 'call.unmuteLabel'));
    sendState();
});

ui.el('cam-btn').addEventListener('click', () => {
    media.setCamera(!media.cameraOn);
    ui.setToggle('cam-btn', !media.cameraOn, msg(media.cameraOn ? 'call.cameraOff' : 'call.cameraOn'),
        msg(media.cameraOn ? 'call.cameraOffLabel' : 'call.cameraOnLabel'));
    sendState();
});

ui.el('screen-btn').addEventListener('click', () => toggleScreen());

async function toggleScreen() {
    const pc = negotiation ? negotiation.pc : null;
    try {
        if (media.screenTrack) {
            await media.stopScreen(pc);
        } else {
            await media.startScreen(pc, () => { if (media.screenTrack) toggleScreen(); });
        }
    } catch (error) {
        if (error.name !== 'NotAllowedError') ui.notify(msg('call.screenFailed', {detail: error.message}), 'error', 'screen');
    }
    const sharing = !!media.screenTrack;
    ui.el('local-video').srcObject = sharing ? new MediaStream([media.screenTrack]) : media.stream;
    ui.el('local-video').classList.toggle('mirrored', !sharing);
    ui.setToggle('screen-btn', sharing, msg(sharing ? 'call.stopShare' : 'call.share'),
        msg(sharing ? 'call.stopShareLabel' : 'call.shareLabel'));
    sendState();
}

for (const [id, kind] of [['call-camera-select', 'video'], ['call-mic-select', 'audio']]) {
    ui.el(id).addEventListener('change', async () => {
        try {
            await media.switchDevice(kind, ui.el(id).value, negotiation ? negotiation.pc : null);
            if (!media.screenTrack) ui.el('local-video').srcObject = media.stream;
        } catch (error) {
            ui.notify(explain(error), 'error', 'media');
        }
    });
}

ui.el('chat-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = ui.el('chat-input');
    const text = input.value.trim();
    if (text && chat && chat.send(text)) {
        ui.addChat(text, true);
        input.value = '';
    }
});

ui.el('hangup-btn').addEventListener('click', () => endCall(msg('ended.left'), '', ''));
ui.el('rejoin-btn').addEventListener('click', () => rejoin());
window.addEventListener('pagehide', () => { if (signaling) signaling.leave(); });

function endCall(title, text, code, canRejoin = true) {
    if (ice) ice.stop();
    if (signaling) signaling.leave();
    signaling = null;
    endPeer();
    media.stop();
    ui.showEnded(title, canRejoin);
    if (text) ui.notify(text, 'error', code);
}

