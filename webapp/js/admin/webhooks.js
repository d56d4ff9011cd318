// Webhook deliveries (GET api/admin/webhooks): the receivers, this node's counters, pending
// deliveries and the newest ones that failed, with their last error.
import * as api from './api.js';
import {el, notify, show, table, when} from './dom.js';

function counter(label, value, bad) {
    return el('div', {class: `counter${bad && value > 0 ? ' bad' : ''}`}, el('span', {class: 'n'}, String(value)), el('span', {}, label));
}

async function load() {
    try {
        const status = await api.get('webhooks');
        if (!status.enabled) {
            show('webhooks-status', el('p', {class: 'empty'}, 'No webhook receivers: set duet.webhook.urls in the settings.'));
            return;
        }
        const dropped = Object.values(status.node.dropped || {}).reduce((a, b) => a + b, 0);
        show('webhooks-status',
            el('p', {}, 'Receivers: ', status.receivers.map((url, i) => [i ? ', ' : '', el('code', {}, url)])),
            el('div', {class: 'counters'}, counter('pending', status.pending), counter('delivered', status.node.deliveries),
                counter('failed attempts', status.node.failures, true), counter('given up', status.node.givenUp, true),
                counter('dropped', dropped, true)),
            el('h3', {}, 'Recent failures'),
            status.recentFailures.length === 0 ? el('p', {class: 'empty'}, 'None.') : table([
                ['Event', (d) => el('span', {}, d.type, el('br'), el('code', {class: 'small'}, d.eventId))],
                ['Receiver', (d) => d.url],
                ['State', (d) => `${d.state}, ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}`],
                ['Next try', (d) => when(d.nextAttemptAt)],
                ['Last error', (d) => d.lastError || ''],
            ], status.recentFailures, (d) => ({dataset: {event: d.eventId}})));
    } catch (error) {
        if (error.status !== 401) notify(`Could not load the webhooks: ${error.message}`, 'error');
    }
}

let wired = false;
export function enter() {
    if (!wired) {
        wired = true;
        document.getElementById('webhooks-refresh').addEventListener('click', load);
    }
    load();
}

export function leave() {
}
