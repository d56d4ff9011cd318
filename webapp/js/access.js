// Who may join: the server's access mode (GET api/access) and the join token an invite link
// carries (?token=…). The token is kept in memory only: it is taken out of the address bar as
// soon as it is read, so it is neither bookmarked, shared from the address bar nor left in the
// tab's history entry. No DOM here beyond the address bar.
import {msg} from './i18n.js';

/** 'open' (anyone may make up a room) or 'token' (a join needs a token); 'open' when the server does not say. */
export async function accessMode() {
    try {
        const response = await fetch('api/access', {cache: 'no-store'});
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return (await response.json()).mode === 'token' ? 'token' : 'open';
    } catch (error) {
        // an older server has no api/access; a token-mode one then refuses a join without a token itself
        console.warn('Could not read the access mode; assuming open', error);
        return 'open';
    }
}

/**
 * The ?token= of this page's address, or null; removes it from the address bar (history.replaceState,
 * the rest of the address as it was).
 */
export function takeTokenFromAddress() {
    const url = new URL(location.href);
    const token = url.searchParams.get('token');
    if (token === null) return null;
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.href);
    return token.trim() || null;
}

/**
 * The claims of a JWT join token as the page may read them (display only: the server verifies the
 * token; nothing here trusts them), or {} when the token is not a readable JWT.
 */
export function tokenClaims(token) {
    try {
        const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
        const bytes = Uint8Array.from(atob(payload.padEnd(Math.ceil(payload.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
        const claims = JSON.parse(new TextDecoder().decode(bytes));
        return claims && typeof claims === 'object' ? claims : {};
    } catch {
        return {};
    }
}

// why a token was refused, from the server's sentence (TokenRefused.Reason: the one place it is told)
const TOKEN_REASONS = [['missing', /missing/i], ['expired', /expired/i], ['wrongRoom', /not for this room/i],
    ['usedUp', /used as often/i], ['invalid', /not valid/i]];

/** Why the server refused a join token, as a Message in the page's language ('token.…'), or null. */
export function tokenReason(serverMessage) {
    const known = TOKEN_REASONS.find(([, sentence]) => sentence.test(serverMessage || ''));
    return known ? msg(`token.${known[0]}`) : null;
}

/** What a refused join token means for the person holding the link (signaling's code 'unauthorized'). */
export function explainRefusedToken(serverMessage) {
    const reason = tokenReason(serverMessage);
    return reason ? msg('token.refused', {reason}) : msg('error.unauthorized');
}

/** What to tell someone who opened a room without a token where one is needed. */
export const TOKEN_REQUIRED = msg('token.required');
