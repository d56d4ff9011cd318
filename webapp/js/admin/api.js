// The admin REST API as the console uses it: HTTP Basic with the credentials of this tab only
// (sessionStorage: gone when the tab closes, never shared with other tabs or written to disk
// beyond the browser's session store), relative URLs only, so the console works under any
// context root. No DOM here.
const STORE = 'duet.admin.credentials';

/** An answer that was not 2xx: its status and the API's error body ({error, field, message}). */
export class ApiError extends Error {
    constructor(status, body) {
        super((body && body.message) || `HTTP ${status}`);
        this.status = status;
        this.code = body && body.error;
        this.field = body && body.field;
    }
}

let credentials = null;
try {
    credentials = sessionStorage.getItem(STORE);
} catch {
    // storage blocked: the credentials then live in memory until the page is left
}

export function signedIn() {
    return credentials !== null;
}

/** The account name signed in with, or ''. */
export function accountName() {
    return credentials ? atob(credentials).split(':')[0] : '';
}

function keep(value) {
    credentials = value;
    try {
        if (value === null) sessionStorage.removeItem(STORE);
        else sessionStorage.setItem(STORE, value);
    } catch {
        // storage blocked: memory only
    }
}

/** Encodes name:password as Basic wants it, UTF-8 (btoa alone takes Latin-1 only). */
function basic(name, password) {
    const bytes = new TextEncoder().encode(`${name}:${password}`);
    return btoa(String.fromCharCode(...bytes));
}

/**
 * Checks the name and password with a real admin request and keeps them for this tab when they
 * work; throws the ApiError otherwise (401 wrong or locked, 403 not an admin or plain HTTP).
 */
export async function signIn(name, password) {
    const candidate = basic(name, password);
    await send('GET', 'rooms', undefined, candidate);
    keep(candidate);
}

export function signOut() {
    keep(null);
}

/** Called with the ApiError when the server stops accepting the kept credentials (401). */
let onUnauthorized = () => {};
export function whenUnauthorized(handler) {
    onUnauthorized = handler;
}

async function send(method, path, body, auth = credentials, accept = 'application/json') {
    const headers = {Authorization: `Basic ${auth}`, Accept: accept};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    // credentials: 'omit' keeps Chromium from asking for a password itself: on a 401 with
    // "WWW-Authenticate: Basic" it raises its own sign-in dialog for a fetch that may send the
    // browser's credentials (the default, same-origin), Authorization header or not (checked on
    // Chromium 156 over CDP: Fetch.authRequired). Our header is sent either way.
    const response = await fetch(`api/admin/${path}`, {method, headers, credentials: 'omit', cache: 'no-store',
        body: body === undefined ? undefined : JSON.stringify(body)});
    if (!response.ok) {
        let problem = null;
        try {
            problem = await response.json();
        } catch {
            // not JSON: the status says it
        }
        const error = new ApiError(response.status, problem);
        if (response.status === 401 && auth === credentials && credentials !== null) onUnauthorized(error);
        throw error;
    }
    return response;
}

export async function get(path) {
    return (await send('GET', path)).json();
}

export async function post(path, body = {}) {
    const response = await send('POST', path, body);
    return response.status === 204 ? null : response.json();
}

export async function put(path, body) {
    await send('PUT', path, body);
}

export async function del(path) {
    await send('DELETE', path);
}

/** The answer's body as a Blob (e.g. the CSV export), with the file name the server suggests. */
export async function download(path) {
    const response = await send('GET', path, undefined, credentials, 'text/csv, */*');
    const disposition = response.headers.get('Content-Disposition') || '';
    const name = (disposition.match(/filename="([^"]+)"/) || [])[1] || 'download';
    return {blob: await response.blob(), name};
}

/** A query string of the non-empty entries of {@code params}, with a leading '?', or ''. */
export function query(params) {
    const search = new URLSearchParams();
    Object.entries(params).forEach(([key, value]) => {
        if (value !== undefined && value !== null && value !== '') search.set(key, value);
    });
    const text = search.toString();
    return text ? `?${text}` : '';
}
