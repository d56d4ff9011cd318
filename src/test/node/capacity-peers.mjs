// The capacity bench's peers on Node and the `ws` package (bin/bench --mode capacity --client node;
// README, Performance), driven by the Java bench (app.duet.bench.NodePeers) over stdin/stdout, one
// command and one answer a line. The JDK's WebSocket client cost the generator 0.6–3 ms of CPU per
// join on this machine, more than a cheap server does; `ws` costs 0.4–0.5 ms, so the join rate
// shows the server rather than the generator sharing its cores.
//   join <url-prefix> <peers> <concurrency>  connects <peers> sockets to <url-prefix><i/2> (rooms
//       of two), each sends {"type":"join","name":"p<i>"}, at most <concurrency> not yet answered
//       `joined`; answers "joined <ok> <failed> <µs to joined of each ok peer, space-separated>"
//   status   answers "status <sockets open> <pings received> <error frames received>"
//   close    closes every socket (1000), answers "closed"
// Pings are answered by `ws` itself (autoPong).
import WebSocket from 'ws';
import { createInterface } from 'node:readline';
import { closeAll } from './close-all.mjs';

const sockets = [];
let pings = 0;
let errors = 0;

function joinOne(url, name) {
    return new Promise(resolve => {
        const started = process.hrtime.bigint();
        const socket = new WebSocket(url, { perMessageDeflate: false });
        let done = false;
        const finish = ok => {
            if (!done) {
                done = true;
                resolve(ok ? Number((process.hrtime.bigint() - started) / 1000n) : -1);
            }
        };
        socket.on('open', () => socket.send(`{"type":"join","name":"${name}"}`));
        socket.on('message', (data, binary) => {
            const text = binary ? '' : data.toString();
            if (text.startsWith('{"type":"joined"')) {
                finish(true);
            } else if (text.startsWith('{"type":"error"')) {
                errors++;
                finish(false);
            }
        });
        socket.on('ping', () => { pings++; });
        socket.on('error', () => finish(false));
        socket.on('close', () => finish(false));
        sockets.push(socket);
    });
}

async function join(prefix, peers, concurrency) {
    const micros = [];
    let failed = 0;
    let next = 0;
    async function worker() {
        while (next < peers) {
            const i = next++;
            const us = await joinOne(prefix + Math.floor(i / 2), 'p' + i);
            if (us < 0) {
                failed++;
            } else {
                micros.push(us);
            }
        }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, peers) }, worker));
    return `joined ${micros.length} ${failed} ${micros.join(' ')}`;
}

async function closeSockets() {
    await closeAll(sockets);
    sockets.length = 0;
    return 'closed';
}

const commands = createInterface({ input: process.stdin });
for await (const line of commands) {
    const [command, ...args] = line.trim().split(' ');
    let answer;
    if (command === 'join') {
        answer = await join(args[0], Number(args[1]), Number(args[2]));
    } else if (command === 'status') {
        answer = `status ${sockets.filter(s => s.readyState === WebSocket.OPEN).length} ${pings} ${errors}`;
    } else if (command === 'close') {
        answer = await closeSockets();
    } else {
        answer = `unknown ${command}`;
    }
    process.stdout.write(answer + '\n');
}
