// The call itself: signaling, perfect negotiation, chat, stats and the in-call controls.
// Our media may come late (joined while the camera prompt was up), be partly or wholly missing
// (audio only, receive only) or be added mid-call: each side keeps one audio and one video
// transceiver per call, sending on it when it has a track, receiving only when not; a track that
// comes or goes later changes its direction, and perfect negotiation renegotiates.
import {SignalingClient} from './signaling.js';
import {IceServers} from './ice.js';
import {Negotiation} from './negotiation.js';
import {explainRefusedToken} from './access.js';
import {explain} from './media.js';
import {Chat} from './chat.js';
import {snapshot, PATH_LABELS} from './stats.js';
import {CallQuality} from './quality.js';
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
let statsTimer = null;
let statsOf = null;       // the negotiation whose getStats is under way
let clock = null;
let lastStats = null;
let quality = null;       // this call's figures for the history (quality.js)
const reports = [];       // the last quality reports sent, this page's calls (diagnostics, browser tests)
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
    get stats() { return lastStats; },
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
    showControls();
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
    statsTimer = setInterval(updateStats, 1000);
    sendState();
}

/**
 * Our tracks and the chat channel, added when the negotiation is ready for them: a transceiver of
 * each kind, sending what we have (the answerer's reuse the offer's), receiving only where we
 * have nothing yet.
 */
function addMedia(pc) {
    mediaAdded = pc;
    chat = new Chat(pc);
    chat.addEventListener('open', () => ui.chatEnabled(true));
    chat.addEventListener('close', () => ui.chatEnabled(false));
    chat.addEventListener('message', (e) => ui.addChat(e.detail.text, false, peer && peer.name));
    for (const kind of ['audio', 'video']) {
        const track = outgoing(kind);
        if (track) pc.addTrack(track, ...(media.stream ? [media.stream] : []));
        else if (!transceiverOf(pc, kind)) pc.addTransceiver(kind, {direction: 'recvonly'});
    }
}

function outgoing(kind) {
    return kind === 'video' ? media.outgoingVideo : media.track('audio');
}

/** The transceiver that carries our audio or our video in this call, or null. */
function transceiverOf(pc, kind) {
    return pc.getTransceivers().find((t) => t.receiver.track.kind === kind
        && t.direction !== 'stopped' && t.currentDirection !== 'stopped') || null;
}

/**
 * Puts our current tracks on the senders after they changed: a replaced track goes out at once
 * (replaceTrack, no renegotiation); a track where there was none, or none where there was one,
 * changes the transceiver's direction, and that renegotiates.
 */
async function sendTracks(pc) {
    for (const kind of ['audio', 'video']) {
        const track = outgoing(kind);
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

/** Our tracks changed (they came late, a device was added or switched, screen sharing). */
function mediaChanged() {
    if (!signaling) return; // not in a call
    showSelf();
    showControls();
    if (negotiation && mediaAdded === negotiation.pc) {
        sendTracks(negotiation.pc).catch((error) => console.warn('Could not send the new tracks', error));
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
    lastStats = null;
    quality = null;
    clearInterval(statsTimer);
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
    signaling.send({type: 'message', data: {kind: 'state', mic: micOn(), camera: cameraOn(), screen: !!media.screenTrack}});
}

function micOn() {
    return media.micOn && !!media.track('audio');
}

function cameraOn() {
    return media.cameraOn && !!media.track('video');
}

async function updateStats() {
    const current = negotiation;
    if (!current || statsOf === current) return;
    statsOf = current;
    try {
        const stats = await snapshot(current.pc, lastStats);
        // the call may have ended (or another begun) while getStats ran: its numbers are stale then
        if (current !== negotiation) return;
        lastStats = stats;
        ui.setPath(stats.path, PATH_LABELS[stats.path], stats.rttMs, stats.inKbps, stats.outKbps);
        if (current.pc.connectionState === 'connected') quality.sample(stats);
        reportQuality(false);
    } catch (error) {
        if (current === negotiation) console.warn('getStats failed', error);
    } finally {
        if (statsOf === current) statsOf = null;
    }
}

/** Tells the server this call's figures when due (quality.js); {@code last}: on hang-up. */
function reportQuality(last) {
    if (!quality || !negotiation || !signaling) return;
    const restarts = Object.values(negotiation.restarts).reduce((a, b) => a + b, 0);
    const report = quality.due(restarts, performance.now(), last);
    if (report) {
        signaling.send(report);
        reports.push(report);
        if (reports.length > 100) reports.shift();
    }
    ui.setQuality(quality.setupMs, quality.sent);
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

/** The mute and camera buttons as things are: off when the device is off or missing. */
function showControls() {
    ui.setToggle('mic-btn', !micOn(), msg(micOn() ? 'call.mute' : 'call.unmute'),
        msg(micOn() ? 'call.muteLabel' : 'call.unmuteLabel'));
    ui.setToggle('cam-btn', !cameraOn(), msg(cameraOn() ? 'call.cameraOff' : 'call.cameraOn'),
        msg(cameraOn() ? 'call.cameraOffLabel' : 'call.cameraOnLabel'));
}

/** Mute/unmute, camera off/on; turning on a device we do not have yet starts one (the call's choice). */
async function toggle(kind) {
    const on = kind === 'audio' ? micOn() : cameraOn();
    if (kind === 'audio') media.setMic(!on);
    else media.setCamera(!on);
    if (!on && !media.track(kind)) {
        const choice = ui.el(kind === 'audio' ? 'call-mic-select' : 'call-camera-select').value;
        try {
            await media.switchDevice(kind, choice || null);
        } catch (error) {
            ui.notify(explain(error), 'error', 'media');
        }
    }
    showControls();
    sendState();
}

ui.el('mic-btn').addEventListener('click', () => toggle('audio'));
ui.el('cam-btn').addEventListener('click', () => toggle('video'));

ui.el('screen-btn').addEventListener('click', () => toggleScreen());

async function toggleScreen() {
    try {
        if (media.screenTrack) {
            media.stopScreen();
        } else {
            await media.startScreen(() => { if (media.screenTrack) toggleScreen(); });
        }
    } catch (error) {
        if (error.name !== 'NotAllowedError') ui.notify(msg('call.screenFailed', {detail: error.message}), 'error', 'screen');
    }
    const sharing = !!media.screenTrack;
    ui.setToggle('screen-btn', sharing, msg(sharing ? 'call.stopShare' : 'call.share'),
        msg(sharing ? 'call.stopShareLabel' : 'call.shareLabel'));
}

for (const [id, kind] of [['call-camera-select', 'video'], ['call-mic-select', 'audio']]) {
    ui.el(id).addEventListener('change', async () => {
        try {
            await media.switchDevice(kind, ui.el(id).value);
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
window.addEventListener('pagehide', () => {
    reportQuality(true);
    if (signaling) signaling.leave();
});

function endCall(title, text, code, canRejoin = true) {
    reportQuality(true); // the last figures, before the leave that ends the call
    if (ice) ice.stop();
    if (signaling) signaling.leave();
    signaling = null;
    endPeer();
    media.stop();
    ui.showEnded(title, canRejoin);
    if (text) ui.notify(text, 'error', code);
}

