// The DOM: views, notices, device lists, call status, peer indicators, chat log, and the small
// layout helpers (self-view corner, chat drawer, keyboard shortcuts). No WebRTC here. Texts are
// Messages (i18n.js msg) where they are ours, so that they follow a language switch; plain
// strings are names, chat text and browsers' own errors.
import {bind, has, msg} from './i18n.js';

const $ = (id) => document.getElementById(id);
const VIEWS = ['landing', 'prejoin', 'call', 'ended'];

export const el = $;

export function show(view) {
    VIEWS.forEach((v) => { $(v).hidden = v !== view; });
    document.body.dataset.view = view; // the phone layout hides the header in a call
}

/** The view after a call; without the Rejoin button when joining again would be refused the same way. */
export function showEnded(title, canRejoin) {
    bind($('ended-title'), title);
    $('rejoin-btn').hidden = !canRejoin;
    show('ended');
}

/** A message for the user; kind is 'info' or 'error'; code is a stable tag for tests. */
export function notify(text, kind = 'info', code = '') {
    const notice = $('notice');
    bind(notice, text);
    notice.dataset.kind = kind;
    notice.dataset.code = code;
    notice.hidden = false;
}

export function clearNotice() {
    $('notice').hidden = true;
    $('notice').dataset.code = '';
}

/** fallbackLabel: what a device without a label (no permission yet) is called, numbered; a Message. */
export function fillDevices(select, devices, selectedId, fallbackLabel) {
    select.replaceChildren(...devices.map((d, i) => {
        const option = document.createElement('option');
        option.value = d.deviceId;
        bind(option, d.label || msg('device.numbered', {kind: fallbackLabel, n: i + 1}));
        option.selected = d.deviceId === selectedId;
        return option;
    }));
    select.disabled = devices.length === 0;
}

export function setCallState(state) {
    const node = $('call-state');
    node.dataset.state = state;
    bind(node, has(`state.${state}`) ? msg(`state.${state}`) : state);
}

export function setPath(path, label, rttMs, inKbps, outKbps) {
    const node = $('path');
    node.dataset.path = path || '';
    bind(node, !path ? '—' : has(`path.${path}`) ? msg(`path.${path}`) : label);
    bind($('rtt'), rttMs === null || rttMs === undefined ? '' : msg('stats.rtt', {ms: rttMs}));
    bind($('bitrate'), inKbps === null || inKbps === undefined ? '' : msg('stats.bitrate', {down: inKbps, up: outKbps}));
}

/**
 * This call's set-up time as measured here (null: none yet), and the last quality report sent to
 * the server for the call history, kept on the element (data-*) for diagnostics and the tests,
 * also once the call ended (sent undefined), until the next call's first stats.
 */
export function setQuality(setupMs, sent) {
    const node = $('setup');
    bind(node, setupMs === null || setupMs === undefined ? '' : msg('stats.setup', {ms: setupMs}));
    node.dataset.setupMs = setupMs ?? '';
    if (sent === undefined) return; // the call ended: what it reported last stays on the element
    node.dataset.reportedPath = sent ? sent.path : '';
    node.dataset.reportedSetupMs = sent && sent.setupMs !== undefined ? sent.setupMs : '';
    node.dataset.reportedRttMs = sent && sent.rttMs !== undefined ? sent.rttMs : '';
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
    bind($('peer-name'), present ? (name || msg('peer.guest')) : '');
    $('remote-placeholder').hidden = present;
    if (!present) setPeerFlags({mic: true, camera: true, screen: false});
}

export function setPeerFlags({mic, camera, screen}) {
    $('peer-mic-off').hidden = mic !== false;
    $('peer-cam-off').hidden = camera !== false;
    $('peer-screen').hidden = !screen;
}

export function setPlaceholder(text) {
    bind($('remote-placeholder'), text);
    $('remote-placeholder').hidden = !text;
}

export function setToggle(id, pressed, label, ariaLabel) {
    const button = $(id);
    button.setAttribute('aria-pressed', String(pressed));
    bind(button, label);
    bind(button, ariaLabel, 'aria-label');
    if (button.dataset.shortcut) bind(button, msg('call.shortcut', {action: ariaLabel, key: button.dataset.shortcut}), 'title');
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
    bind(author, mine ? msg('chat.you') : (who || msg('peer.guest')));
    const body = document.createElement('span');
    body.className = 'text';
    body.textContent = text;
    item.append(author, body);
    $('chat-log').append(item);
    item.scrollIntoView({block: 'nearest'});
    if (!mine && !chatOpen()) $('chat-btn').dataset.unread = 'true';
}

// ---- layout and keyboard: self-view corner, chat drawer (phones), shortcuts ------------------

const CORNERS = ['bottom-right', 'bottom-left', 'top-left', 'top-right'];

/** Moves the self-view to the next corner of the stage, clockwise (out of the way of the remote video). */
export function moveSelfView() {
    const video = $('local-video');
    video.dataset.corner = CORNERS[(CORNERS.indexOf(video.dataset.corner) + 1) % CORNERS.length];
}

$('local-video').addEventListener('click', moveSelfView);
$('local-video').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        moveSelfView();
    }
});

function chatOpen() {
    return $('call').dataset.chat === 'open';
}

/** Opens or closes the chat; on a phone it is a drawer over the video, elsewhere always shown. */
export function toggleChat(open = !chatOpen()) {
    $('call').dataset.chat = open ? 'open' : 'closed';
    $('chat-btn').setAttribute('aria-expanded', String(open));
    if (open) delete $('chat-btn').dataset.unread;
}

$('chat-btn').addEventListener('click', () => {
    toggleChat();
    if (chatOpen() && !$('chat-input').disabled) $('chat-input').focus();
});

// the heights of the bottom bar and the status line: on a phone they float over the video, and
// the self-view, the flags and the chat drawer keep clear of them (duet.css)
for (const [selector, property] of [['#call .controls', '--controls-h'], ['#call .status', '--status-h']]) {
    const node = document.querySelector(selector);
    new ResizeObserver(() => document.documentElement.style.setProperty(property, `${node.offsetHeight}px`)).observe(node);
}

// shortcuts in a call: M mutes, V turns the camera off (data-shortcut), never while typing
for (const button of document.querySelectorAll('#call [data-shortcut]')) {
    bind(button, msg('call.shortcut', {action: msg(button.getAttribute('data-i18n-aria-label')), key: button.dataset.shortcut}), 'title');
}

document.addEventListener('keydown', (event) => {
    if ($('call').hidden || event.ctrlKey || event.metaKey || event.altKey || event.isComposing || event.repeat) return;
    if (event.key === 'Escape' && chatOpen()) {
        toggleChat(false);
        $('chat-btn').focus();
        return;
    }
    if (event.target.closest && event.target.closest('input, textarea, select, [contenteditable]')) return;
    const key = event.key && event.key.length === 1 ? event.key.toUpperCase() : '';
    const button = /^[A-Z]$/.test(key) ? document.querySelector(`#call [data-shortcut="${key}"]`) : null;
    if (!button || button.disabled) return;
    event.preventDefault();
    button.click();
});
