// The connection check: gathers ICE candidates against each configured STUN/TURN URL on its own
// and gives a verdict per server, like the trickle-ICE sample: STUN works (srflx seen), TURN works
// (relay seen), or what failed (icecandidateerror code and text). Where a join is by token, the
// ICE servers are too: diagnostics.html?token=<join token> sends it as a bearer token (and takes it
// out of the address bar at once, as the call page does).
import {takeTokenFromAddress, tokenReason} from './access.js';
import {bind, msg} from './i18n.js';

const GATHER_TIMEOUT_MS = 10000;
const token = takeTokenFromAddress();

/** Why the ICE servers were refused, for the person looking at the check; {code, text} (text: a Message). */
const REFUSALS = {
    401: (message) => {
        const reason = tokenReason(message);
        return {code: 'unauthorized', text: !token ? msg('diag.invitedOnly')
            : reason ? msg('diag.tokenRefused', {reason}) : msg('diag.tokenRefusedUnknown')};
    },
    429: () => ({code: 'rate-limited', text: msg('diag.rateLimited')}),
    503: () => ({code: 'unavailable', text: msg('diag.unavailable')}),
};

class Refused extends Error {
    constructor(code, text) {
        super(String(text));
        this.code = code;
        this.text = text;
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
        return {state: 'works', text: msg(turn ? 'diag.turnWorks' : 'diag.stunWorks')};
    }
    const error = errors.find((e) => e.code);
    if (error) {
        return {state: 'failed', code: error.code, text: msg('diag.failedCode', {code: error.code, text: error.text || ''})};
    }
    return {state: 'failed', code: '', text: msg(turn ? 'diag.noRelay' : 'diag.noSrflx')};
}

function row(cells) {
    const tr = document.createElement('tr');
    cells.forEach((text) => {
        const td = document.createElement('td');
        bind(td, text ?? '');
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
    bind(status, msg('diag.checking'));
    status.dataset.state = 'running';
    status.dataset.code = '';
    let servers;
    try {
        servers = await iceServers();
    } catch (error) {
        bind(status, error instanceof Refused ? error.text : msg('diag.fetchFailed', {detail: error.message}));
        status.dataset.state = 'error';
        status.dataset.code = error.code || '';
        return;
    }
    if (servers.length === 0) {
        bind(status, msg('diag.none'));
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
        const verdictText = document.createElement('span');
        bind(verdictText, v.text);
        item.append(`${url}: `, verdictText);
        verdicts.append(item);
        result.candidates.forEach(({candidate, url: from}) => table.append(
            row([candidate.type, candidate.protocol, candidate.address, candidate.port,
                candidate.type === 'host' ? msg('diag.thisDevice') : from || url])));
    });
    bind(status, msg('diag.done'));
    status.dataset.state = 'done';
}

document.getElementById('run-btn').addEventListener('click', run);
run();
