// The relay bench's peers on Node and the `ws` package (bin/bench --mode closed|open --client node;
// README, Performance), driven by the Java bench (app.duet.bench.NodeRelay) over stdin/stdout, one
// command and one answer a line. One thread for every socket, as the reference relay has: the JDK
// client's selector and executor threads compete with the server for the machine's two cores.
// Times are process.hrtime.bigint(), CLOCK_MONOTONIC, the clock of Java's System.nanoTime on Linux,
// so the Java side can lay them beside its own stall probe.
//   connect <size> <url A> <url B> ...   a room per pair of URLs; A and B join ({"type":"join"});
//       answers "connected <rooms joined> <errors>"
//   closed <window>      each A keeps <window> frames in flight to its B (a B that gets one makes
//       its A send the next); answers "started"
//   open <rate>          each A sends <rate> frames a second on a fixed schedule, rooms spread over
//       the period; answers "started". Node's timers fire to the millisecond, so the frames due in a
//       millisecond go out together, each stamped with when it was sent (a stamp of its scheduled time
//       would add up to 1 ms of the generator's own timer to every latency); the schedule does not
//       wait for the server, so a server's stall still counts in full.
//   measure on|off       from now on record (or stop recording) each frame's latency; "measuring"
//   mark                 answers "mark <received> <sent> <out of order> <error frames>"
//   halt                 stops sending; answers "halted"
//   last-error           answers "last-error <the last error frame, cut at 200 characters, or none>"
//   samples <file>       writes "<latency ns> <sent at ns>" a line for each recorded frame; "written <n>"
//   close                closes every socket (1000), answers "closed"
// Frames are Duet's "message" type: {"type":"message","data":{"seq":N,"t":NS,"p":"xxx…"}}, padded to <size> characters.
import WebSocket from 'ws';
import { createInterface } from 'node:readline';
import { writeFileSync } from 'node:fs';
import { closeAll } from './close-all.mjs';

const rooms = [];
/** every socket opened, joined or not, so that close leaves none behind */
const sockets = [];
let size = 200;
let received = 0;
let sent = 0;
let outOfOrder = 0;
let errors = 0;
let lastError = 'none';
let closedLoop = false;
let measuring = false;
let sending = false;
let latencies = [];
let sentAt = [];
let pad = '';

const now = () => process.hrtime.bigint();

function frame(seq, t) {
    return `{"type":"message","data":{"seq":${seq},"t":${t},"p":"${pad}"}}`;
}

function field(text, name) {
    const at = text.indexOf(`"${name}":`) + name.length + 3;
    let end = at;
    while (text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) {
        end++;
    }
    return text.substring(at, end);
}

function open(url, onText) {
    return new Promise(resolve => {
        const socket = new WebSocket(url, { perMessageDeflate: false });
        sockets.push(socket);
        let joined = false;
        socket.on('open', () => socket.send('{"type":"join","name":"bench"}'));
        socket.on('message', (data, binary) => {
            const text = binary ? '' : data.toString();
            if (text.startsWith('{"type":"message"')) {
                onText(text);
            } else if (text.startsWith('{"type":"joined"')) {
                joined = true;
                resolve(socket);
            } else if (text.startsWith('{"type":"error"')) {
                errors++;
                lastError = text.substring(0, 200).replace(/\n/g, ' ');
                if (!joined) {
                    resolve(null);
                }
            }
        });
        socket.on('error', () => resolve(null));
        socket.on('close', () => resolve(null));
    });
}

class Room {
    constructor() {
        this.nextSeq = 0;
        this.lastSeen = -1;
    }

    send(t) {
        sent++;
        this.a.send(frame(this.nextSeq++, t));
    }

    onText(text) {
        const arrived = now();
        const seq = Number(field(text, 'seq'));
        if (measuring) {
            const t = BigInt(field(text, 't'));
            latencies.push(Number(arrived - t));
            sentAt.push(t);
        }
        if (seq <= this.lastSeen) {
            outOfOrder++;
        } else {
            this.lastSeen = seq;
        }
        received++;
        if (closedLoop && sending) {
            this.send(now());
        }
    }
}

async function connect(args) {
    size = Number(args[0]);
    pad = 'x'.repeat(Math.max(0, size - frame(0, now()).length));
    const urls = args.slice(1);
    const joins = [];
    for (let i = 0; i + 1 < urls.length; i += 2) {
        const room = new Room();
        joins.push(open(urls[i], () => { }).then(async a => {
            room.a = a;
            room.b = a === null ? null : await open(urls[i + 1], text => room.onText(text));
            return room;
        }));
    }
    for (const room of await Promise.all(joins)) {
        if (room.a !== null && room.b !== null) {
            rooms.push(room);
        }
    }
    return `connected ${rooms.length} ${errors}`;
}

function startClosed(window) {
    sending = true;
    closedLoop = true;
    for (const room of rooms) {
        for (let w = 0; w < window; w++) {
            room.send(now());
        }
    }
    return 'started';
}

// each room's next frame is due at origin + offset + k * period; a tick sends all that are due
function startOpen(rate) {
    sending = true;
    const period = BigInt(Math.round(1e9 / rate));
    const origin = now() + 100_000_000n;
    const due = rooms.map((room, i) => origin + period * BigInt(i) / BigInt(rooms.length));
    const tick = () => {
        if (!sending) {
            return;
        }
        const at = now();
        let next = at + period;
        rooms.forEach((room, i) => {
            while (due[i] <= at) {
                room.send(now());
                due[i] += period;
            }
            if (due[i] < next) {
                next = due[i];
            }
        });
        setTimeout(tick, Math.max(0, Number((next - now()) / 1_000_000n)));
    };
    tick();
    return 'started';
}

async function closeRooms() {
    sending = false;
    await closeAll(sockets);
    sockets.length = 0;
    rooms.length = 0;
    return 'closed';
}

function samples(file) {
    const lines = latencies.map((latency, i) => `${latency} ${sentAt[i]}`);
    writeFileSync(file, lines.join('\n') + '\n');
    const n = latencies.length;
    latencies = [];
    sentAt = [];
    return `written ${n}`;
}

const commands = createInterface({ input: process.stdin });
for await (const line of commands) {
    const [command, ...args] = line.trim().split(' ');
    let answer;
    if (command === 'connect') {
        answer = await connect(args);
    } else if (command === 'closed') {
        answer = startClosed(Number(args[0]));
    } else if (command === 'open') {
        answer = startOpen(Number(args[0]));
    } else if (command === 'measure') {
        measuring = args[0] === 'on';
        answer = 'measuring';
    } else if (command === 'last-error') {
        answer = `last-error ${lastError}`;
    } else if (command === 'mark') {
        answer = `mark ${received} ${sent} ${outOfOrder} ${errors}`;
    } else if (command === 'halt') {
        sending = false;
        answer = 'halted';
    } else if (command === 'samples') {
        answer = samples(args[0]);
    } else if (command === 'close') {
        answer = await closeRooms();
    } else {
        answer = `unknown ${command}`;
    }
    process.stdout.write(answer + '\n');
}
// stdin closed: nothing more to do, whatever sockets a failed command left
process.exit(0);
