// The call page's entry: the landing view, the pre-join view (preview, devices), then the call.
import {Media, explain, explainMissing} from './media.js';
import * as call from './call.js';
import * as ui from './ui.js';

const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

const media = new Media();
let roomId = null;
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

/** A room id from what a user pasted: a link with ?room=…, or the id itself. */
function parseRoom(text) {
    const value = text.trim();
    try {
        const fromLink = new URL(value).searchParams.get('room');
        if (fromLink !== null) return ROOM_ID.test(fromLink) ? fromLink : null;
    } catch {
        // not a link
    }
    return ROOM_ID.test(value) ? value : null;
}

// ---- landing ----------------------------------------------------------------------------

function landing() {
    ui.show('landing');
    ui.el('name-input').value = name;
}

ui.el('new-room-btn').addEventListener('click', () => {
    rememberName(ui.el('name-input').value);
    prejoin(randomRoomId());
});

ui.el('join-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const id = parseRoom(ui.el('room-input').value);
    if (!id) {
        ui.notify('That is not a room link or id. A room id is 1 to 64 letters, digits, "-" or "_".', 'error', 'bad-room');
        return;
    }
    rememberName(ui.el('name-input').value);
    prejoin(id);
});

function rememberName(value) {
    name = value.trim().slice(0, 64);
    localStorage.setItem('duet.name', name);
}

// ---- before joining: preview and devices --------------------------------------------------

async function prejoin(id) {
    roomId = id;
    history.replaceState(null, '', roomLink(id));
    ui.clearNotice();
    ui.show('prejoin');
    ui.el('room-name').textContent = id;
    ui.el('room-link').value = roomLink(id);
    ui.el('prejoin-name').value = name;
    ui.el('speaker-select').hidden = ui.el('speaker-label').hidden = !('setSinkId' in HTMLMediaElement.prototype);
    if (!Media.supported()) {
        ui.notify(explain(null), 'error', 'insecure');
        ui.el('join-btn').disabled = true;
        return;
    }
    await startPreview();
}

async function startPreview(cameraId, micId) {
    try {
        await media.start(cameraId, micId);
        ui.el('preview-video').srcObject = media.stream;
        ui.el('join-btn').disabled = false;
        if (media.missing) ui.notify(explainMissing(media.missing), 'info', 'media-missing');
        else if (ui.el('notice').dataset.code === 'media-missing') ui.clearNotice();
    } catch (error) {
        ui.notify(explain(error), 'error', 'media');
        ui.el('join-btn').disabled = true;
    }
    await refreshDevices();
}

async function refreshDevices() {
    if (!Media.supported()) return;
    const {cameras, mics, speakers} = await media.devices();
    const camera = media.track('video');
    const mic = media.track('audio');
    const cameraId = camera ? camera.getSettings().deviceId : null;
    const micId = mic ? mic.getSettings().deviceId : null;
    ui.fillDevices(ui.el('camera-select'), cameras, cameraId, 'Camera');
    ui.fillDevices(ui.el('mic-select'), mics, micId, 'Microphone');
    ui.fillDevices(ui.el('speaker-select'), speakers, null, 'Speaker');
    ui.fillDevices(ui.el('call-camera-select'), cameras, cameraId, 'Camera');
    ui.fillDevices(ui.el('call-mic-select'), mics, micId, 'Microphone');
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
        ui.el('copy-link-btn').textContent = 'Copied';
    } catch {
        ui.el('room-link').select();
        ui.notify('Copy the selected link with Ctrl+C (or long-press on a phone).');
    }
});

ui.el('join-btn').addEventListener('click', () => {
    rememberName(ui.el('prejoin-name').value);
    ui.clearNotice();
    call.join(roomId, name, media);
});

call.onRejoin(() => prejoin(roomId));

// ---- start ----------------------------------------------------------------------------------

const requested = new URLSearchParams(location.search).get('room');
if (requested !== null && ROOM_ID.test(requested)) {
    prejoin(requested);
} else {
    if (requested !== null) ui.notify('That room link is not valid; start a new room instead.', 'error', 'bad-room');
    landing();
}
