// The connection check: gathers ICE candidates against each configured STUN/TURN URL on its own
// and gives a verdict per server, like the trickle-ICE sample: STUN works (srflx seen), TURN works
// (relay seen), or what failed (icecandidateerror code and text). Where a join is by token, the
// ICE servers are too: diagnostics.html?token=<join token> sends it as a bearer token (and takes it
// out of the address bar at once, as the call page does).
import {takeTokenFromAddress} from './access.js';

const GATHER_TIMEOUT_MS = 10000;
const token = takeTokenFromAddress();

/** Why the ICE servers were refused, for the person looking at the check; {code, text}. */
const REFUSALS = {
    401: (message) => ({code: 'unauthorized', text: token
        ? `This Duet did not accept the token of your link${message ? `: ${message.charAt(0).toLowerCase()}${message.slice(1)}` : '.'}`
            + ' Open the connection check from the call page of a valid invite link.'
        : 'This Duet hands out its STUN and TURN servers only to invited callers: open the connection check'
            + ' from your call page (invite link), or add your invite link\'s "?token=…" to this page\'s address.'}),
    429: () => ({code: 'rate-limited',
        text: 'Too many connection checks from your address just now; wait a minute and press "Check again".'}),
    503: (message) => ({code: 'unavailable', text: message || 'The server cannot hand out TURN credentials right now; try again later.'}),
};

class Refused extends Error {
    constructor(code, text) {
        super(text);
        this.code = code;
    }
}

async function iceServers() {
    const headers = token ? {Authorization: `Bearer ${token}`} : {};
    const response = await fetch('api/ice-servers', {cache: 'no-store', headers});
    if (!response.ok) {
        const message = await response.json().then((body) => body.message, () => null);
        const refusal = REFUSALS[response.status];
        if (refusal) {
            const {code, text} = refusal(message);
            throw new Refused(code, text);
        }
        throw new Error(`api/ice-servers answered HTTP ${response.status}${message ? `: ${message}` : ''}`);
    }
    return (await response.json()).iceServers || [];
}

/** Gathers with one server URL; resolves {candidates, errors}. */
function gather(server, url) {
    return new Promise((resolve) => {
        const pc = new RTCPeerConnection({iceServers: [{...server, urls: [url]}]});
        const candidates = [];
        const errors = [];
        const done = () => {
            clearTimeout(timer);
            pc.close();
            resolve({candidates, errors});
        };
        const timer = setTimeout(done, GATHER_TIMEOUT_MS);
        pc.onicecandidate = (event) => {
            if (!event.candidate) {
                done();
            } else if (event.candidate.candidate) {
                candidates.push({candidate: event.candidate, url: event.url || ''});
            }
        };
        pc.onicecandidateerror = (event) => errors.push({code: event.errorCode, text: event.errorText, url: event.url});
        pc.createDataChannel('check');
        pc.createOffer().then((offer) => pc.setLocalDescription(offer)).catch((error) => {
            errors.push({code: 0, text: error.message, url});
            done();
        });
    });
}

function verdict(url, {candidates, errors}) {
    const turn = url.startsWith('turn');
    const wanted = turn ? 'relay' : 'srflx';
    if (candidates.some((c) => c.candidate.type === wanted)) {
        return {state: 'works', text: turn ? 'TURN works (relay candidate seen)' : 'STUN works (srflx candidate seen)'};
    }
    const error = errors.find((e) => e.code);
    if (error) {
        return {state: 'failed', code: error.code, text: `failed: ${error.code} ${error.text || ''}`.trim()};
    }
    return {state: 'failed', code: '', text: turn ? 'failed: no relay candidate (no answer from the server?)'
        : 'no srflx candidate: no answer, or no NAT between you and the server (srflx would equal a host address)'};
}

function row(cells) {
    const tr = document.createElement('tr');
    cells.forEach((text) => {
        const td = document.createElement('td');
        td.textContent = text ?? '';
        tr.append(td);
    });
    return tr;
}

async function run() {
    const status = document.getElementById('status');
    const verdicts = document.getElementById('verdicts');
    const table = document.querySelector('#candidates tbody');
    verdicts.replaceChildren();
    table.replaceChildren();
    status.textContent = 'Checking…';
    status.dataset.state = 'running';
    status.dataset.code = '';
    let servers;
    try {
        servers = await iceServers();
    } catch (error) {
        status.textContent = error instanceof Refused ? error.message : `Could not get the ICE servers: ${error.message}`;
        status.dataset.state = 'error';
        status.dataset.code = error.code || '';
        return;
    }
    if (servers.length === 0) {
        status.textContent = 'This Duet hands out no STUN or TURN server: calls work only where the two browsers reach each other directly.';
        status.dataset.state = 'done';
        return;
    }
    const urls = servers.flatMap((server) => [].concat(server.urls).map((url) => ({server, url})));
    const results = await Promise.all(urls.map(({server, url}) => gather(server, url)));
    urls.forEach(({url}, i) => {
        const result = results[i];
        const v = verdict(url, result);
        const item = document.createElement('li');
        item.dataset.url = url;
        item.dataset.verdict = v.state;
        item.dataset.code = v.code ?? '';
        item.textContent = `${url}: ${v.text}`;
        verdicts.append(item);
        result.candidates.forEach(({candidate, url: from}) => table.append(
            row([candidate.type, candidate.protocol, candidate.address, candidate.port,
                candidate.type === 'host' ? 'this device' : from || url])));
    });
    status.textContent = 'Done.';
    status.dataset.state = 'done';
}

document.getElementById('run-btn').addEventListener('click', run);
run();
