// Invite links (POST api/admin/invites): a room (or a fresh one), an optional name, how long and
// how many joins; the link is shown with a Copy button.
import * as api from './api.js';
import {el, notify, show, when} from './dom.js';

async function copy(text, button) {
    try {
        await navigator.clipboard.writeText(text);
        button.textContent = 'Copied';
    } catch {
        // no clipboard (plain HTTP, or refused): select the text for Ctrl-C instead
        document.getElementById('invite-url').select();
        button.textContent = 'Press Ctrl-C';
    }
}

async function create(event) {
    event.preventDefault();
    const form = event.target;
    const body = {};
    if (form.elements.room.value.trim()) body.room = form.elements.room.value.trim();
    if (form.elements.name.value.trim()) body.name = form.elements.name.value.trim();
    if (form.elements.hours.value) body.expiresIn = Math.round(Number(form.elements.hours.value) * 3600);
    if (form.elements.uses.value) body.uses = Number(form.elements.uses.value);
    try {
        const invite = await api.post('invites', body);
        const button = el('button', {type: 'button', id: 'invite-copy'}, 'Copy link');
        button.addEventListener('click', () => copy(invite.url, button));
        show('invite-result', el('p', {}, `Room “${invite.room}”, valid until ${when(invite.expiresAt)}.`),
            el('div', {class: 'row'}, el('input', {id: 'invite-url', readonly: true, value: invite.url, 'aria-label': 'Invite link'}), button));
    } catch (error) {
        notify(error.status === 409 ? 'Invites need duet.token.secrets in the settings.' : `Could not create the invite: ${error.message}`,
            'error');
    }
}

let wired = false;
export function enter() {
    if (!wired) {
        wired = true;
        document.getElementById('invite-form').addEventListener('submit', create);
    }
}

export function leave() {
}
