// Text chat over an RTCDataChannel. Both sides create the same negotiated channel (id 0), so
// neither waits for the other to open it. Emits 'message' (detail: {text, at}) and 'open'/'close'.

export class Chat extends EventTarget {
    constructor(pc) {
        super();
        this.channel = pc.createDataChannel('chat', {negotiated: true, id: 0, ordered: true});
        this.channel.onopen = () => this.dispatchEvent(new Event('open'));
        this.channel.onclose = () => this.dispatchEvent(new Event('close'));
        this.channel.onmessage = (event) => {
            let message;
            try {
                message = JSON.parse(event.data);
            } catch {
                return;
            }
            if (typeof message.text === 'string') {
                this.dispatchEvent(new CustomEvent('message', {detail: {text: message.text, at: message.at}}));
            }
        };
    }

    get open() {
        return this.channel.readyState === 'open';
    }

    send(text) {
        if (!this.open) return false;
        this.channel.send(JSON.stringify({text, at: Date.now()}));
        return true;
    }
}
