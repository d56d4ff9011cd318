// The admin console: sign-in, the views (one module each, entered and left as the address's
// #hash changes), sign-out. Every request goes through api.js with the credentials of this tab.
import * as api from './api.js';
import {notify} from './dom.js';
import * as rooms from './rooms.js';
import * as calls from './calls.js';
import * as insights from './insights.js';
import * as turn from './turn.js';
import * as invites from './invites.js';
import * as webhooks from './webhooks.js';

const VIEWS = {rooms, calls, charts: insights, turn, invites, webhooks};
let current = null;

/** What a refused sign-in means, in words, with a code the tests read. */
function explain(error) {
    if (error.status === 401) {
        return ['Wrong name or password. After 5 failures in a row the name is locked for a while (1 s, doubling up to'
            + ' 5 minutes): wait before trying again.', 'unauthorized'];
    }
    if (error.status === 403 && error.code === 'https-required') {
        return ['The admin API answers over HTTPS only: open this console at its https:// address.', 'https-required'];
    }
    if (error.status === 403) {
        return ['This account is not an admin: the console needs an account with the admin role.', 'forbidden'];
    }
    if (error instanceof api.ApiError) return [`The server refused: ${error.message}`, 'refused'];
    return [`Could not reach the server: ${error.message}`, 'network'];
}

function route() {
    const name = location.hash.slice(1) in VIEWS ? location.hash.slice(1) : 'rooms';
    if (current) VIEWS[current].leave();
    current = name;
    document.querySelectorAll('main > section[data-view]').forEach((section) => { section.hidden = section.dataset.view !== name; });
    document.querySelectorAll('#views a').forEach((link) => {
        if (link.hash === `#${name}`) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
    });
    VIEWS[name].enter();
}

function showSignedIn(signedIn) {
    document.body.dataset.signedIn = String(signedIn);
    document.getElementById('sign-in').hidden = signedIn;
    document.getElementById('views').hidden = !signedIn;
    document.getElementById('account').hidden = !signedIn;
    document.getElementById('account-name').textContent = api.accountName();
    if (signedIn) {
        route();
    } else {
        if (current) VIEWS[current].leave();
        current = null;
        document.querySelectorAll('main > section[data-view]').forEach((section) => { section.hidden = true; });
        document.getElementById('sign-in-name').focus();
    }
}

document.getElementById('sign-in').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
        await api.signIn(form.elements.name.value.trim(), form.elements.password.value);
        form.elements.password.value = '';
        notify(null);
        showSignedIn(true);
    } catch (error) {
        const [text, code] = explain(error);
        notify(text, 'error', code);
    } finally {
        button.disabled = false;
    }
});

document.getElementById('sign-out').addEventListener('click', () => {
    api.signOut();
    notify('Signed out.', 'info', 'signed-out');
    showSignedIn(false);
});

// the kept credentials stopped working (password changed, account removed): back to the form
api.whenUnauthorized(() => {
    api.signOut();
    showSignedIn(false);
    notify('The server no longer accepts this account\'s password: sign in again.', 'error', 'unauthorized');
});

window.addEventListener('hashchange', () => {
    notify(null); // a message belongs to the view it came from
    if (api.signedIn()) route();
});

showSignedIn(api.signedIn());
