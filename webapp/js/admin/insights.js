// The charts view: what GET api/admin/calls/summary counts for the chosen range (the last 7, 30,
// 90 or 365 days), drawn by charts.js: calls per day with the relayed ones, the share of relayed
// calls, the set-up time distribution and the end reasons.
import * as api from './api.js';
import {bars, ring, rows} from './charts.js';
import {el, notify, show} from './dom.js';

const DAY = 86_400_000;

/** Every UTC day from {@code from} to {@code to}, with the summary's counts (0 on days without calls). */
function everyDay(summary) {
    const counted = new Map(summary.days.map((d) => [d.day, d]));
    const days = [];
    const last = new Date(summary.to).getTime() - 1;
    for (let t = Date.parse(summary.from.slice(0, 10)); t <= last; t += DAY) {
        const day = new Date(t).toISOString().slice(0, 10);
        const found = counted.get(day) || {calls: 0, relayed: 0};
        days.push({label: day.slice(5), value: found.calls, part: found.relayed,
            tip: `${day}: ${found.calls} call${found.calls === 1 ? '' : 's'}, ${found.relayed} relayed`});
    }
    return days;
}

function bucketLabel(bucket, previous) {
    const s = (ms) => (ms < 1000 ? `${ms} ms` : `${ms / 1000} s`);
    return bucket.upToMs === null ? `> ${s(previous)}` : `≤ ${s(bucket.upToMs)}`;
}

function figure(heading, ...content) {
    return el('figure', {class: 'chart-box'}, el('figcaption', {}, heading), ...content);
}

async function load() {
    const days = Number(document.getElementById('charts-range').value);
    const to = new Date();
    const from = new Date(to.getTime() - days * DAY);
    try {
        const summary = await api.get(`calls/summary${api.query({from: from.toISOString(), to: to.toISOString()})}`);
        const withSetup = summary.setupMs.reduce((sum, b) => sum + b.calls, 0);
        document.getElementById('charts-status').textContent = `${summary.calls} call${summary.calls === 1 ? '' : 's'}`
            + ` in the last ${days} days${summary.truncated ? ' (counted over the newest 100,000)' : ''}`;
        show('charts', [
            figure('Calls per day', el('p', {class: 'legend'}, el('span', {class: 'key value'}), 'calls ',
                el('span', {class: 'key part'}), 'relayed'),
            bars(everyDay(summary), {label: 'Calls per day, relayed calls highlighted', partName: 'relayed'})),
            figure('Relayed calls', ring(summary.relayed, summary.calls,
                {label: 'Share of relayed calls', caption: `${summary.relayed} of ${summary.calls} through TURN`})),
            figure('Set-up time', el('p', {class: 'legend'}, `${withSetup} call${withSetup === 1 ? '' : 's'} with a set-up time`),
                bars(summary.setupMs.map((b, i) => ({label: bucketLabel(b, i > 0 ? summary.setupMs[i - 1].upToMs : 0), value: b.calls})),
                    {label: 'Calls by set-up time'})),
            figure('End reasons', summary.endReasons.length === 0 ? el('p', {class: 'empty'}, 'No ended calls.')
                : rows(summary.endReasons.map((r) => ({label: r.reason, value: r.calls})), {label: 'Calls by end reason'})),
        ]);
    } catch (error) {
        if (error.status !== 401) notify(`Could not load the figures: ${error.message}`, 'error');
    }
}

let wired = false;
export function enter() {
    if (!wired) {
        wired = true;
        document.getElementById('charts-range').addEventListener('change', load);
    }
    load();
}

export function leave() {
}
