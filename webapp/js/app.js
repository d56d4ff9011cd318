// The call page's entry: the landing view, the pre-join view (preview, devices), then the call.
// In token mode (api/access) a room comes with its join token in an invite link; there is no
// "New room" then.
import {Media, explain, explainMissing, explainNone} from './media.js';
import {accessMode, takeTokenFromAddress, tokenClaims, TOKEN_REQUIRED} from './access.js';
import * as call from './call.js';
import * as ui from './ui.js';
import {bind, msg} from './i18n.js';

const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

const media = new Media();
let mode = 'open';        // the server's access mode: 'open' or 'token'
let roomId = null;
let token = null;         // the join token that came with roomId (an invite link), in memory only
let name = localStorage.getItem('duet.name') || '';

function randomRoomId() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function roomLink(id) {
    const url = new URL(document.baseURI);
    url.search = `?room=${encodeURIComponent(id)}`;
    url.hash = '';
    return url.href;
}

/** The room a token is for when a link names none: its room claim, unless that is '*' (any room). */
function roomOfToken(value) {
    const room = tokenClaims(value).room;
    return typeof room === 'string' && ROOM_ID.test(room) ? room : null;
}

/**
 * A room from what a user pasted: a link with ?room=… (and its ?token=, if any), or the id itself:
 * {room, token}, or null when it names no valid room.
 */
function parseRoom(text) {
    const value = text.trim();
    try {
        const params = new URL(value).searchParams;
        const linkToken = params.get('token') || null;
        const fromLink = params.get('room') ?? (linkToken && roomOfToken(linkToken));
        if (fromLink !== null) return ROOM_ID.test(fromLink) ? {room: fromLink, token: linkToken} : null;
    } catch {
        // not a link
    }
    return ROOM_ID.test(value) ? {room: value, token: null} : null;
}

// ---- landing ----------------------------------------------------------------------------

function landing() {
    const invited = mode === 'token';
    ui.show('landing');
    ui.el('name-input').value = name;
    // a room comes with its token here: one made up on the spot would let nobody in
    ui.el('new-room-btn').hidden = invited;
    bind(ui.el('landing-title'), msg(invited ? 'landing.titleInvited' : 'landing.title'));
    ui.el('invite-only').hidden = !invited;
    bind(ui.el('room-input'), msg(invited ? 'landing.invitePlaceholder' : 'landing.roomPlaceholder'), 'placeholder');
}

ui.el('new-room-btn').addEventListener('click', () => {
    if (mode === 'token') return;
    rememberName(ui.el('name-input').value);
    token = null;
    prejoin(randomRoomId());
});

ui.el('join-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = parseRoom(ui.el('room-input').value);
    if (!chosen) {
        ui.notify(msg('landing.badRoom'), 'error', 'bad-room');
        return;
    }
    if (mode === 'token' && !chosen.token) {
        ui.notify(TOKEN_REQUIRED, 'error', 'token-required');
        return;
    }
    rememberName(ui.el('name-input').value);
    token = chosen.token;
    prejoin(chosen.room);
});

/** The name the invite's token gives (the server uses it whatever we send), or null. */
function claimedName() {
    const claimed = token ? tokenClaims(token).name : null;
    return typeof claimed === 'string' && claimed.trim() ? claimed.trim().slice(0, 64) : null;
}

function rememberName(value) {
    name = value.trim().slice(0, 64);
    localStorage.setItem('duet.name', name);
}

// ---- before joining: preview and devices --------------------------------------------------

async function prejoin(id) {
    roomId = id;
    history.replaceState(null, '', roomLink(id)); // never the token
    ui.clearNotice();
    ui.show('prejoin');
    ui.el('room-name').textContent = id;
    ui.el('room-link').value = roomLink(id);
    // in token mode the bare room link lets nobody in, and one's own invite link is one's own
    ui.el('share-row').hidden = mode === 'token';
    const claimed = claimedName();
    ui.el('prejoin-name').value = claimed ?? name;
    ui.el('prejoin-name').readOnly = claimed !== null;
    bind(ui.el('prejoin-name'), claimed !== null ? msg('prejoin.nameFromInvite') : '', 'title');
    // the connection check needs the token to get the ICE servers in token mode
    ui.el('diagnostics-link').href = mode === 'token' && token
        ? `diagnostics.html?token=${encodeURIComponent(token)}` : 'diagnostics.html';
    ui.el('speaker-select').hidden = ui.el('speaker-label').hidden = !('setSinkId' in HTMLMediaElement.prototype);
    bind(ui.el('join-btn'), msg('prejoin.join'));
    if (!Media.supported()) {
        ui.notify(explain(null), 'error', 'insecure');
        ui.el('join-btn').disabled = true;
        return;
    }
    await startPreview();
}

// Joining does not wait for the camera and microphone (a permission prompt may be up): the call
// sends them when they come, and goes on with what there is, or receive only.
async function startPreview(cameraId, micId) {
    try {
        if (!await media.start(cameraId, micId)) return; // overtaken by a later start, or the call ended
        ui.el('preview-video').srcObject = media.stream;
        bind(ui.el('join-btn'), joinLabel());
        if (!media.stream) ui.notify(explainNone(media.error), 'error', 'media');
        else if (media.missing) ui.notify(explainMissing(media.missing, media.problems[media.missing]), 'info', 'media-missing');
        else if (['media-missing', 'media'].includes(ui.el('notice').dataset.code)) ui.clearNotice();
    } catch (error) {
        ui.notify(explainNone(error), 'error', 'media');
    }
    await refreshDevices();
}

/** What the join button says one joins with. */
function joinLabel() {
    if (!media.stream) return msg('prejoin.joinReceiveOnly');
    if (!media.track('video')) return msg('prejoin.joinSoundOnly');
    return msg(media.track('audio') ? 'prejoin.join' : 'prejoin.joinNoMic');
}

async function refreshDevices() {
    if (!Media.supported()) return;
    const {cameras, mics, speakers} = await media.devices();
    const camera = media.track('video');
    const mic = media.track('audio');
    const cameraId = camera ? camera.getSettings().deviceId : null;
    const micId = mic ? mic.getSettings().deviceId : null;
    ui.fillDevices(ui.el('camera-select'), cameras, cameraId, msg('device.camera'));
    ui.fillDevices(ui.el('mic-select'), mics, micId, msg('device.mic'));
    ui.fillDevices(ui.el('speaker-select'), speakers, null, msg('device.speaker'));
    ui.fillDevices(ui.el('call-camera-select'), cameras, cameraId, msg('device.camera'));
    ui.fillDevices(ui.el('call-mic-select'), mics, micId, msg('device.mic'));
}

if (navigator.mediaDevices) navigator.mediaDevices.addEventListener('devicechange', refreshDevices);

ui.el('camera-select').addEventListener('change', () =>
    startPreview(ui.el('camera-select').value, ui.el('mic-select').value));
ui.el('mic-select').addEventListener('change', () =>
    startPreview(ui.el('camera-select').value, ui.el('mic-select').value));
ui.el('speaker-select').addEventListener('change', () => {
    const video = ui.el('remote-video');
    if (video.setSinkId) video.setSinkId(ui.el('speaker-select').value).catch((e) => ui.notify(e.message, 'error'));
});

ui.el('copy-link-btn').addEventListener('click', async () => {
    try {
        await navigator.clipboard.writeText(ui.el('room-link').value);
        bind(ui.el('copy-link-btn'), msg('prejoin.copied'));
    } catch {
        ui.el('room-link').select();
        ui.notify(msg('prejoin.copyByHand'));
    }
});

ui.el('join-btn').addEventListener('click', () => {
    const claimed = claimedName();
    if (claimed === null) rememberName(ui.el('prejoin-name').value);
    ui.clearNotice();
    call.join(roomId, claimed ?? name, media, token, msg(mode === 'token' ? 'call.waitingInvited' : 'call.waitingShare'));
});

call.onRejoin(() => prejoin(roomId));

// ---- start ----------------------------------------------------------------------------------

// the token leaves the address bar at once, before anything else can go wrong
const linkToken = takeTokenFromAddress();
mode = await accessMode();
const requested = new URLSearchParams(location.search).get('room') ?? (linkToken && roomOfToken(linkToken));
if (requested !== null && ROOM_ID.test(requested)) {
    if (mode === 'token' && !linkToken) {
        landing();
        ui.notify(TOKEN_REQUIRED, 'error', 'token-required');
    } else {
        token = linkToken;
        prejoin(requested);
    }
} else {
    landing();
    if (requested !== null) {
        ui.notify(msg(mode === 'token' ? 'landing.badInviteLink' : 'landing.badLink'), 'error', 'bad-room');
    }
}
