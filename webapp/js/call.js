// The call itself: signaling, perfect negotiation with the other side, what each side shows, chat
// and hang-up. Our tracks on the connection are senders.js's, the call's figures call-stats.js's,
// the buttons for our own media controls.js's.
import {SignalingClient} from './signaling.js';
import {IceServers} from './ice.js';
import {Negotiation} from './negotiation.js';
import {explainRefusedToken} from './access.js';
import {Chat} from './chat.js';
import {CallQuality} from './quality.js';
import {CallStats, reports} from './call-stats.js';
import {addTracks, sendTracks} from './senders.js';
import {bindControls, cameraOn, micOn, showControls} from './controls.js';
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
let mediaAdded = null;    // the RTCPeerConnection our tracks were added to (the negotiation's, once ready)
let chat = null;
let stats = null;         // this call's figures (call-stats.js)
let clock = null;
let quality = null;       // this call's figures for the history (quality.js)
let setupFrom = null;     // when our last join went out: a call found there at once is set up from it
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
    get stats() { return stats ? stats.last : null; },
    get quality() { return quality; },
    reports,
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
    media.addEventListener('change', mediaChanged); // once: the same listener is not added twice
    timings.join = performance.now();
    timings.connected = null;
    setupFrom = timings.join;
    ui.show('call');
    ui.setCallState('waiting');
    waiting = waitingText;
    ui.setPlaceholder(waiting);
    showSelf();
    showControls(media);
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
        setupFrom = performance.now(); // the client joins again
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
    // the one who waited sets the call up from the other's arrival, not from its own join click
    quality = new CallQuality(offerFirst ? performance.now() : setupFrom);
    ui.setPeer(info.name, true);
    ui.setCallState('connecting');
    negotiation = new Negotiation(signaling, polite, ice.config, addMedia, offerFirst);
    negotiation.addEventListener('track', (e) => showRemote(e.detail.track));
    negotiation.addEventListener('state', (e) => mediaState(e.detail));
    stats = new CallStats(negotiation, quality, signaling);
    sendState();
}

/** Our tracks (senders.js) and the chat channel, added when the negotiation is ready for them. */
function addMedia(pc) {
    mediaAdded = pc;
    chat = new Chat(pc);
    chat.addEventListener('open', () => ui.chatEnabled(true));
    chat.addEventListener('close', () => ui.chatEnabled(false));
    chat.addEventListener('message', (e) => ui.addChat(e.detail.text, false, peer && peer.name));
    addTracks(pc, media);
}

/** Our tracks changed (they came late, a device was added or switched, screen sharing). */
function mediaChanged() {
    if (!signaling) return; // not in a call
    showSelf();
    showControls(media);
    if (negotiation && mediaAdded === negotiation.pc) {
        sendTracks(negotiation.pc, media).catch((error) => console.warn('Could not send the new tracks', error));
    }
    sendState();
}

/** The self-view: the screen while sharing it, else the camera; hidden without either. */
function showSelf() {
    const video = ui.el('local-video');
    video.srcObject = media.screenTrack ? new MediaStream([media.screenTrack]) : media.stream;
    video.classList.toggle('mirrored', !media.screenTrack);
    video.hidden = !media.outgoingVideo;
}

/** A track the other side sends, with what it sent before (a video that comes later joins the sound). */
function showRemote(track) {
    const video = ui.el('remote-video');
    const current = video.srcObject ? video.srcObject.getTracks() : [];
    if (current.includes(track)) return;
    video.srcObject = new MediaStream([...current.filter((t) => t.kind !== track.kind), track]);
}

function endPeer() {
    if (negotiation) negotiation.close();
    negotiation = null;
    mediaAdded = null;
    chat = null;
    peer = null;
    if (stats) stats.stop();
    stats = null;
    quality = null;
    stopClock();
    ui.el('remote-video').srcObject = null;
    ui.setPeer(null, false);
    ui.chatEnabled(false);
    ui.setPath(null);
    ui.setQuality(null);
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
    if (quality) quality.state(state, performance.now());
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
        // no rejoin: it would be refused the same way while those two are there; "New call" stays
        endCall(msg('ended.roomFull'), msg('error.room-full'), 'room-full', false);
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

/** Tells the other side whether our microphone and camera are on (off when there is none). */
function sendState() {
    if (!signaling || !peer) return;
    signaling.send({type: 'message', data: {kind: 'state', mic: micOn(media), camera: cameraOn(media), screen: !!media.screenTrack}});
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
    ui.setTimer(null);
}

// ---- controls -------------------------------------------------------------------------------

bindControls(() => media, sendState);

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
window.addEventListener('pagehide', () => {
    if (stats) stats.report(true);
    if (signaling) signaling.leave();
});

function endCall(title, text, code, canRejoin = true) {
    if (stats) stats.report(true); // the last figures, before the leave that ends the call
    if (ice) ice.stop();
    if (signaling) signaling.leave();
    signaling = null;
    endPeer();
    media.stop();
    ui.showEnded(title, canRejoin);
    if (text) ui.notify(text, 'error', code);
}

