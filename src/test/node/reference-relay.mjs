// The benchmark's reference relay (bin/bench --reference; README, Performance): the cheapest relay
// one can write for Duet's signaling protocol, on Node and the `ws` package, so that Duet's
// figures can be read as ratios to it from the same run. It does only this:
//  - a socket at /signal/<room> sends {"type":"join",...}: rooms of two; it answers
//    {"type":"joined","id","polite","peers"} and tells the other peer {"type":"peer-joined"};
//  - every other frame goes to the other peer with "from" spliced in before the closing brace,
//    as Duet's Protocol.relayed does (a frame that brings its own "from" is rebuilt);
//  - each frame is parsed once (JSON.parse) to read its type: a relay of a JSON protocol has to;
//  - with --heartbeat S, every S seconds each socket is pinged, and one that did not answer the
//    previous ping is dropped (ws's own keep-alive pattern), so idle peers cost what pings cost,
//    as on Duet (which pings a socket silent for S seconds).
// No access control, limits, resume, metrics or validation beyond that: it is a yardstick.
//
//   node reference-relay.mjs [--port 8090] [--heartbeat 10]
import { WebSocketServer } from 'ws';
import { randomBytes } from 'node:crypto';

const options = { port: 8090, heartbeat: 0 };
for (let i = 2; i + 1 < process.argv.length; i += 2) {
    options[process.argv[i].replace(/^--/, '')] = Number(process.argv[i + 1]);
}

/** room id -> the sockets in it (at most two) */
const rooms = new Map();
const server = new WebSocketServer({ host: '127.0.0.1', port: options.port });

server.on('connection', (socket, request) => {
    if (!request.url.startsWith('/signal/')) {
        socket.close(1008, 'not a room');
        return;
    }
    socket.room = request.url.substring('/signal/'.length);
    socket.alive = true;
    socket.on('pong', () => { socket.alive = true; });
    socket.on('message', (data, binary) => receive(socket, binary ? null : data.toString()));
    socket.on('close', () => leave(socket));
});

function receive(socket, text) {
    let frame;
    try {
        frame = text === null ? null : JSON.parse(text);
    } catch {
        frame = null;
    }
    if (frame === null || typeof frame !== 'object' || typeof frame.type !== 'string') {
        socket.send('{"type":"error","code":"bad-message","message":"Not a JSON object with a type."}');
    } else if (frame.type === 'join') {
        join(socket, frame);
    } else if (socket.id !== undefined) {
        const other = rooms.get(socket.room).find(s => s !== socket);
        if (other !== undefined) {
            const end = text.lastIndexOf('}');
            other.send(frame.from === undefined
                ? text.substring(0, end) + ',"from":"' + socket.id + '"' + text.substring(end)
                : JSON.stringify({ ...frame, from: socket.id }));
        }
    }
}

function join(socket, frame) {
    const room = rooms.get(socket.room) ?? [];
    if (socket.id !== undefined || room.length === 2) {
        socket.send(socket.id !== undefined ? '{"type":"error","code":"already-joined","message":"Already joined."}'
            : '{"type":"error","code":"room-full","message":"This room already has two people in a call."}');
        return;
    }
    socket.id = randomBytes(9).toString('base64url');
    socket.name = typeof frame.name === 'string' ? frame.name : null;
    const others = room.map(s => ({ id: s.id, name: s.name }));
    room.push(socket);
    rooms.set(socket.room, room);
    socket.send(JSON.stringify({ type: 'joined', id: socket.id, polite: others.length > 0, peers: others }));
    for (const other of room) {
        if (other !== socket) {
            other.send(JSON.stringify({ type: 'peer-joined', peer: { id: socket.id, name: socket.name } }));
        }
    }
}

function leave(socket) {
    const room = rooms.get(socket.room);
    if (socket.id === undefined || room === undefined) {
        return;
    }
    const rest = room.filter(s => s !== socket);
    if (rest.length === 0) {
        rooms.delete(socket.room);
        return;
    }
    rooms.set(socket.room, rest);
    rest.forEach(s => s.send(JSON.stringify({ type: 'peer-left', id: socket.id, reason: 'left' })));
}

if (options.heartbeat > 0) {
    setInterval(() => {
        for (const socket of server.clients) {
            if (!socket.alive) {
                socket.terminate();
            } else {
                socket.alive = false;
                socket.ping();
            }
        }
    }, options.heartbeat * 1000);
}

server.on('listening', () => console.log(`reference relay listening on 127.0.0.1:${options.port}, heartbeat ${options.heartbeat} s`));
