// TURN: registered users (users mode: add, change a password, delete) and the REST secrets
// (secret mode: add a new one, shown once; retire an old one once its credentials expired).
import * as api from './api.js';
import {confirmAction, el, notify, show, table, when} from './dom.js';

async function loadUsers() {
    try {
        const result = await api.get('turn-users?size=500');
        document.getElementById('turn-users-count').textContent = `${result.total} registered user${result.total === 1 ? '' : 's'}`
            + (result.total > result.items.length ? ` (the first ${result.items.length} shown)` : '');
        show('turn-users-list', result.items.length === 0 ? el('p', {class: 'empty'}, 'No registered TURN users.') : table([
            ['Name', (u) => u.name],
            ['Expires', (u) => when(u.expiresAt)],
            ['Note', (u) => u.note || ''],
            ['', (u) => el('span', {class: 'actions'},
                el('button', {type: 'button', class: 'small', onclick: () => changePassword(u.name)}, 'Change password'),
                el('button', {type: 'button', class: 'small danger', onclick: () => remove(u.name)}, 'Delete'))],
        ], result.items, (u) => ({dataset: {user: u.name}})));
    } catch (error) {
        if (error.status !== 401) notify(`Could not load the TURN users: ${error.message}`, 'error');
    }
}

/** Asks for a new password in the page's password dialog: the password, or null when cancelled. */
function askPassword(name) {
    const dialog = document.getElementById('password-dialog');
    const input = document.getElementById('password-new');
    document.getElementById('password-for').textContent = name;
    input.value = '';
    dialog.returnValue = '';
    dialog.showModal();
    return new Promise((resolve) => dialog.addEventListener('close',
        () => resolve(dialog.returnValue === 'ok' && input.value ? input.value : null), {once: true}));
}

async function changePassword(name) {
    const password = await askPassword(name);
    if (password === null) return;
    try {
        await api.put(`turn-users/${encodeURIComponent(name)}/password`, {password});
        notify(`Password of “${name}” changed.`);
    } catch (error) {
        notify(`Could not change the password: ${error.message}`, 'error');
    }
}

async function remove(name) {
    if (!await confirmAction(`Delete the TURN user “${name}”? coturn refuses it at once.`, 'Delete')) return;
    try {
        await api.del(`turn-users/${encodeURIComponent(name)}`);
        notify(`TURN user “${name}” deleted.`);
    } catch (error) {
        notify(`Could not delete: ${error.message}`, 'error');
    }
    loadUsers();
}

async function add(event) {
    event.preventDefault();
    const form = event.target;
    const body = {name: form.elements.name.value.trim(), password: form.elements.password.value};
    if (form.elements.expiresAt.value) body.expiresAt = new Date(form.elements.expiresAt.value).toISOString();
    if (form.elements.note.value.trim()) body.note = form.elements.note.value.trim();
    try {
        await api.post('turn-users', body);
        notify(`TURN user “${body.name}” added.`);
        form.reset();
    } catch (error) {
        notify(`Could not add the user: ${error.message}`, 'error');
    }
    loadUsers();
}

async function loadSecrets() {
    try {
        const secrets = await api.get('turn-secrets');
        show('turn-secrets-list', secrets.length === 0
            ? el('p', {class: 'empty'}, 'No secrets in the table: credentials are signed with duet.turn.secret.')
            : table([
                ['Id', (s) => el('code', {}, s.id)],
                ['Secret', (s) => el('code', {}, s.masked)],
                ['Added', (s) => when(s.createdAt)],
                ['', (s) => el('button', {type: 'button', class: 'small danger', onclick: () => retire(s)}, 'Retire')],
            ], secrets, (s) => ({dataset: {secret: s.id}})));
    } catch (error) {
        if (error.status !== 401) notify(`Could not load the TURN secrets: ${error.message}`, 'error');
    }
}

async function addSecret() {
    try {
        const created = await api.post('turn-secrets', {});
        show('turn-secret-new', el('p', {class: 'once'}, 'New secret (shown this once; coturn reads it from the database): ',
            el('code', {id: 'turn-secret-value'}, created.value)));
    } catch (error) {
        notify(`Could not add a secret: ${error.message}`, 'error');
    }
    loadSecrets();
}

async function retire(secret) {
    if (!await confirmAction(`Retire the secret ${secret.masked}? Credentials it signed stop working; retire it once they`
        + ' have expired.', 'Retire')) return;
    try {
        await api.del(`turn-secrets/${encodeURIComponent(secret.id)}`);
        notify(`Secret ${secret.masked} retired.`);
        show('turn-secret-new');
    } catch (error) {
        notify(`Could not retire the secret: ${error.message}`, 'error');
    }
    loadSecrets();
}

let wired = false;
export function enter() {
    if (!wired) {
        wired = true;
        document.getElementById('turn-user-form').addEventListener('submit', add);
        document.getElementById('turn-secret-add').addEventListener('click', addSecret);
    }
    loadUsers();
    loadSecrets();
}

export function leave() {
    show('turn-secret-new'); // a new secret is shown once, not again on coming back
}
