// The DOM: views, notices, device lists, call status, peer indicators, chat log. No WebRTC here.

const $ = (id) => document.getElementById(id);
const VIEWS = ['landing', 'prejoin', 'call', 'ended'];

export const el = $;

export function show(view) {
    VIEWS.forEach((v) => { $(v).hidden = v !== view; });
}

/** The view after a call; without the Rejoin button when joining again would be refused the same way. */
export function showEnded(title, canRejoin) {
    $('ended-title').textContent = title;
    $('rejoin-btn').hidden = !canRejoin;
    show('ended');
}

/** A message for the user; kind is 'info' or 'error'; code is a stable tag for tests. */
export function notify(text, kind = 'info', code = '') {
    const notice = $('notice');
    notice.textContent = text;
    notice.dataset.kind = kind;
    notice.dataset.code = code;
    notice.hidden = false;
}

export function clearNotice() {
    $('notice').hidden = true;
    $('notice').dataset.code = '';
}

export function fillDevices(select, devices, selectedId, fallbackLabel) {
    select.replaceChildren(...devices.map((d, i) => {
        const option = document.createElement('option');
        option.value = d.deviceId;
        option.textContent = d.label || `${fallbackLabel} ${i + 1}`;
        option.selected = d.deviceId === selectedId;
        return option;
    }));
    select.disabled = devices.length === 0;
}

export function setCallState(state) {
    const node = $('call-state');
    node.dataset.state = state;
    node.textContent = state;
}

export function setPath(path, label, rttMs, inKbps, outKbps) {
    const node = $('path');
    node.dataset.path = path || '';
    node.textContent = path ? label : '—';
    $('rtt').textContent = rttMs === null || rttMs === undefined ? '' : `RTT ${rttMs} ms`;
    $('bitrate').textContent = inKbps === null || inKbps === undefined ? '' : `↓ ${inKbps} kbit/s ↑ ${outKbps} kbit/s`;
}

/** The call's duration; null hides it (no call going on). */
export function setTimer(seconds) {
    $('call-timer').hidden = seconds === null;
    if (seconds === null) return;
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    const h = Math.floor(m / 60);
    $('call-timer').textContent = (h ? `${h}:${String(m % 60).padStart(2, '0')}` : String(m).padStart(2, '0'))
        + `:${String(s).padStart(2, '0')}`;
}

export function setPeer(name, present) {
    $('peer-name').textContent = present ? (name || 'Guest') : '';
    $('remote-placeholder').hidden = present;
    if (!present) setPeerFlags({mic: true, camera: true, screen: false});
}

export function setPeerFlags({mic, camera, screen}) {
    $('peer-mic-off').hidden = mic !== false;
    $('peer-cam-off').hidden = camera !== false;
    $('peer-screen').hidden = !screen;
}

export function setPlaceholder(text) {
    $('remote-placeholder').textContent = text;
    $('remote-placeholder').hidden = !text;
}

export function setToggle(id, pressed, label, ariaLabel) {
    const button = $(id);
    button.setAttribute('aria-pressed', String(pressed));
    button.textContent = label;
    button.setAttribute('aria-label', ariaLabel);
}

export function chatEnabled(on) {
    $('chat-input').disabled = !on;
    $('chat-send').disabled = !on;
}

export function addChat(text, mine, who) {
    const item = document.createElement('li');
    item.className = mine ? 'mine' : 'theirs';
    const author = document.createElement('span');
    author.className = 'who';
    author.textContent = mine ? 'You' : (who || 'Guest');
    const body = document.createElement('span');
    body.className = 'text';
    body.textContent = text;
    item.append(author, body);
    $('chat-log').append(item);
    item.scrollIntoView({block: 'nearest'});
}
