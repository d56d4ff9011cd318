// Shared by the bench's Node peers (capacity-peers.mjs, relay-peers.mjs): closes sockets of the
// `ws` package with 1000 and resolves once every one of them is closed.
import WebSocket from 'ws';

export function closeAll(sockets) {
    return Promise.all(sockets.map(socket => new Promise(resolve => {
        if (socket.readyState === WebSocket.CLOSED) {
            resolve();
            return;
        }
        socket.once('close', resolve);
        socket.close(1000, 'done');
    })));
}
