// Live rooms: refreshed every few seconds while the view is shown, each with a Close button
// (after a confirmation) that ends its call as closed-by-admin.
import * as api from './api.js';
import {confirmAction, el, notify, show, table} from './dom.js';

const REFRESH_MS = 3000;
let timer = null;

function peers(room) {
    return room.peers.map((peer) => el('span', {class: 'peer', dataset: {away: String(peer.away)}},
        peer.name || peer.id, peer.away ? ' (away)' : '', peer.node ? ` @${peer.node}` : ''));
}

async function close(room) {
    if (!await confirmAction(`Close room “${room.id}”? Both peers are told the room was closed.`, 'Close room')) return;
    try {
        await api.del(`rooms/${encodeURIComponent(room.id)}`);
        notify(`Room “${room.id}” closed.`);
    } catch (error) {
        notify(`Could not close the room: ${error.message}`, 'error');
    }
    await refresh();
}

async function refresh() {
    try {
        const rooms = await api.get('rooms');
        document.getElementById('rooms-count').textContent = `${rooms.length} live room${rooms.length === 1 ? '' : 's'}`;
        show('rooms-list', rooms.length === 0 ? el('p', {class: 'empty'}, 'No live rooms.') : table([
            ['Room', (r) => r.id],
            ['Peers', (r) => peers(r)],
            ['State', (r) => (r.callId ? 'in a call' : 'waiting')],
            ['', (r) => el('button', {type: 'button', class: 'danger small', onclick: () => close(r)}, 'Close room')],
        ], rooms, (r) => ({dataset: {room: r.id}})));
    } catch (error) {
        if (error.status !== 401) notify(`Could not load the rooms: ${error.message}`, 'error');
    }
}

export function enter() {
    refresh();
    timer = setInterval(refresh, REFRESH_MS);
}

export function leave() {
    clearInterval(timer);
    timer = null;
}
