// The call history: filters (room, from, to, end reason, user, and the quality filters path and
// minimum set-up time), pages of 25, the quality figures per side, and the CSV of the same filter
// (fetched with the credentials and saved through a Blob: a plain link could not send them).
import * as api from './api.js';
import {duration, el, notify, show, table, when} from './dom.js';

const SIZE = 25;
let page = 0;

/** The filter form's values as the API's query parameters (datetime-local fields are local time). */
function filters() {
    const form = document.getElementById('calls-filter');
    const value = (name) => form.elements[name].value.trim();
    const instant = (name) => (value(name) ? new Date(value(name)).toISOString() : '');
    return {room: value('room'), from: instant('from'), to: instant('to'), reason: value('reason'), user: value('user'),
        path: value('path'), minSetupMs: value('minSetupMs')};
}

/** One side's figures: path, set-up time, RTT, restarts and reconnection, those it reported. */
function side(call, which) {
    const figure = (key) => call[`${which}${key}`];
    const parts = [];
    if (figure('Path')) parts.push(el('span', {class: 'path', dataset: {path: figure('Path')}}, figure('Path')));
    if (figure('SetupMs') !== undefined && figure('SetupMs') !== null) parts.push(`set-up ${figure('SetupMs')} ms`);
    if (figure('RttMs') !== undefined && figure('RttMs') !== null) parts.push(`RTT ${figure('RttMs')} ms`);
    if (figure('IceRestarts')) parts.push(`${figure('IceRestarts')} ICE restart${figure('IceRestarts') === 1 ? '' : 's'}`);
    if (figure('Reconnected')) parts.push('reconnected');
    const name = call[`${which}Name`] || '—';
    const user = call[`${which}User`];
    return el('span', {class: 'side', dataset: {side: which}}, el('strong', {}, name), user ? ` (${user})` : '',
        parts.length ? el('br') : '', parts.map((part, i) => [i ? ' · ' : '', el('span', {class: 'fig'}, part)]));
}

async function load() {
    const status = document.getElementById('calls-status');
    try {
        const result = await api.get(`calls${api.query({...filters(), page, size: SIZE})}`);
        const pages = Math.max(1, Math.ceil(result.total / SIZE));
        status.textContent = `${result.total} call${result.total === 1 ? '' : 's'} · page ${page + 1} of ${pages}`;
        document.getElementById('calls-prev').disabled = page === 0;
        document.getElementById('calls-next').disabled = page + 1 >= pages;
        show('calls-list', result.items.length === 0 ? el('p', {class: 'empty'}, 'No calls match.') : table([
            ['Started', (c) => when(c.startedAt)],
            ['Room', (c) => c.room],
            ['Duration', (c) => (c.endedAt ? duration(c.durationMs) : 'running')],
            ['End', (c) => c.endReason || '—'],
            ['First side', (c) => side(c, 'first')],
            ['Second side', (c) => side(c, 'second')],
        ], result.items, (c) => ({dataset: {call: c.id, room: c.room}})));
    } catch (error) {
        status.textContent = '';
        if (error.status !== 401) notify(`Could not load the history: ${error.message}`, 'error');
    }
}

async function exportCsv() {
    try {
        const {blob, name} = await api.download(`calls/export${api.query(filters())}`);
        const link = el('a', {href: URL.createObjectURL(blob), download: name, hidden: true});
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    } catch (error) {
        notify(`Could not export: ${error.message}`, 'error');
    }
}

let wired = false;
function wire() {
    wired = true;
    document.getElementById('calls-filter').addEventListener('submit', (event) => {
        event.preventDefault();
        page = 0;
        load();
    });
    document.getElementById('calls-filter').addEventListener('reset', () => {
        page = 0;
        setTimeout(load); // after the form has cleared its fields
    });
    document.getElementById('calls-prev').addEventListener('click', () => { page = Math.max(0, page - 1); load(); });
    document.getElementById('calls-next').addEventListener('click', () => { page += 1; load(); });
    document.getElementById('calls-export').addEventListener('click', exportCsv);
}

export function enter() {
    if (!wired) wire();
    load();
}

export function leave() {
}
