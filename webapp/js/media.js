// Local media: devices, the camera/microphone stream, mute, camera off, switching or adding
// devices, and screen sharing. A call may start with a camera and a microphone, with one of them,
// or with neither (receive only); what is missing can be added later. Emits 'change' whenever the
// tracks change (start, a switched or added device, screen sharing, stop): the call then puts the
// new tracks on its senders.

import {msg} from './i18n.js';

export class MediaError extends Error {}

export function explain(error) {
    if (!window.isSecureContext || !navigator.mediaDevices) {
        return msg('media.insecure', {example: `https://${location.hostname}:8181${location.pathname}`});
    }
    switch (error && error.name) {
        case 'NotAllowedError':
        case 'SecurityError':
            return msg('media.denied');
        case 'NotFoundError':
        case 'OverconstrainedError':
            return msg('media.notFound');
        case 'NotReadableError':
        case 'AbortError':
            return msg('media.inUse');
        default:
            return msg('media.failed', {detail: error ? error.message || error.name : msg('media.unknownError')});
    }
}

/**
 * What the user is told when the camera ('video') or the microphone ('audio') could not start, the
 * other one did; {@code errorName} is why (the DOMException's name).
 */
export function explainMissing(kind, errorName) {
    const camera = kind === 'video';
    switch (errorName) {
        case 'NotAllowedError':
        case 'SecurityError':
            return msg(camera ? 'media.cameraBlocked' : 'media.micBlocked');
        case 'NotReadableError':
        case 'AbortError':
            return msg(camera ? 'media.cameraBusy' : 'media.micBusy');
        default:
            return msg(camera ? 'media.noCamera' : 'media.noMic');
    }
}

/** What the user is told when neither camera nor microphone could start: they may still join to watch. */
export function explainNone(error) {
    return msg('media.noneJoinAnyway', {reason: explain(error)});
}

/** Whether a permission is known to be denied (the Permissions API; unknown counts as not denied). */
async function denied(kind) {
    try {
        const status = await navigator.permissions.query({name: kind === 'video' ? 'camera' : 'microphone'});
        return status.state === 'denied';
    } catch {
        return false; // no Permissions API, or it does not know 'camera' / 'microphone'
    }
}

export class Media extends EventTarget {
    constructor() {
        super();
        this.stream = null;    // our camera and microphone tracks; null before start, after stop, or with neither
        this.screenTrack = null;
        this.micOn = true;
        this.cameraOn = true;
        this.missing = null;   // 'video' or 'audio' when the last start got only the other
        this.problems = {audio: null, video: null}; // why each kind did not start (an error name), or null
        this.error = null;     // the error when neither started
        this.runs = 0;         // counts starts and stops: a start overtaken by a later one is dropped
    }

    static supported() {
        return window.isSecureContext && !!navigator.mediaDevices && !!navigator.mediaDevices.getUserMedia;
    }

    async devices() {
        const all = await navigator.mediaDevices.enumerateDevices();
        return {
            cameras: all.filter((d) => d.kind === 'videoinput'),
            mics: all.filter((d) => d.kind === 'audioinput'),
            speakers: all.filter((d) => d.kind === 'audiooutput'),
        };
    }

    /**
     * Starts camera and microphone, or whichever of them can start: a missing, blocked or busy
     * device leaves the other one going, and with neither the stream is null (receive only; see
     * problems and error). Returns false when a later start or a stop overtook this one (its
     * tracks are then released at once), else true. Throws only for a programming error (TypeError).
     */
    async start(cameraId, micId) {
        const run = ++this.runs;
        const video = cameraId ? {deviceId: {exact: cameraId}} : true;
        const audio = micId ? {deviceId: {exact: micId}} : true;
        const gum = (constraints) => navigator.mediaDevices.getUserMedia(constraints);
        const problems = {audio: null, video: null};
        let stream = null;
        let error = null;
        try {
            stream = await gum({video, audio});
        } catch (both) {
            if (both.name === 'TypeError') throw both;
            error = both;
            // one of the two may work alone (no camera, a blocked or busy one); a kind the user
            // blocked is not asked for again (no second prompt)
            for (const kind of ['audio', 'video']) {
                if (both.name === 'NotAllowedError' && await denied(kind)) continue;
                stream = await gum(kind === 'audio' ? {audio} : {video}).catch(() => null);
                if (stream) {
                    problems[kind === 'audio' ? 'video' : 'audio'] = both.name;
                    break;
                }
            }
            if (!stream) problems.audio = problems.video = both.name;
        }
        if (run !== this.runs) {
            if (stream) stream.getTracks().forEach((t) => t.stop());
            return false;
        }
        this.release();
        this.stream = stream;
        this.problems = problems;
        this.missing = stream ? (problems.video ? 'video' : problems.audio ? 'audio' : null) : null;
        this.error = stream ? null : error;
        this.apply();
        this.changed();
        return true;
    }

    track(kind) {
        return this.stream ? this.stream.getTracks().find((t) => t.kind === kind) || null : null;
    }

    setMic(on) {
        this.micOn = on;
        this.apply();
    }

    setCamera(on) {
        this.cameraOn = on;
        this.apply();
    }

    apply() {
        const audio = this.track('audio');
        const video = this.track('video');
        if (audio) audio.enabled = this.micOn;
        if (video) video.enabled = this.cameraOn;
    }

    /**
     * Switches to another camera or microphone, or adds one where there was none (deviceId null:
     * the default one). The old device is released first: many phones cannot open two cameras at
     * once. The call puts the new track on its sender ('change'); throws when the device does not
     * start (the kind is then missing).
     */
    async switchDevice(kind, deviceId) {
        const old = this.track(kind);
        if (old) {
            old.stop();
            this.stream.removeTrack(old);
        }
        const wanted = deviceId ? {deviceId: {exact: deviceId}} : true;
        let fresh;
        try {
            fresh = (await navigator.mediaDevices.getUserMedia({[kind]: wanted})).getTracks()[0];
        } catch (error) {
            this.problems = {...this.problems, [kind]: error.name};
            this.changed();
            throw error;
        }
        if (!this.stream) this.stream = new MediaStream();
        this.stream.addTrack(fresh);
        this.problems = {...this.problems, [kind]: null};
        if (this.missing === kind) this.missing = null;
        this.apply();
        this.changed();
        return fresh;
    }

    /** The video track to send: the screen while sharing it, else the camera's (or null). */
    get outgoingVideo() {
        return this.screenTrack || this.track('video');
    }

    /** Sends a screen capture instead of the camera ('change'); onEnded fires if the user stops it. */
    async startScreen(onEnded) {
        const screen = await navigator.mediaDevices.getDisplayMedia({video: true, audio: false});
        const track = screen.getVideoTracks()[0];
        this.screenTrack = track;
        track.addEventListener('ended', () => onEnded());
        this.changed();
        return track;
    }

    stopScreen() {
        if (!this.screenTrack) return;
        this.screenTrack.stop();
        this.screenTrack = null;
        this.changed();
    }

    /** The sender that carries our video in {@code pc} (for diagnostics and the browser tests). */
    videoSender(pc) {
        if (!pc) return null;
        const camera = this.track('video');
        return pc.getSenders().find((s) => s.track && (s.track === camera || s.track === this.screenTrack))
            || pc.getTransceivers().find((t) => t.receiver.track.kind === 'video')?.sender
            || null;
    }

    /** Stops every track; a start still waiting for its devices is dropped when they come. */
    stop() {
        this.runs++;
        this.release();
        this.changed();
    }

    release() {
        if (this.screenTrack) this.screenTrack.stop();
        this.screenTrack = null;
        if (this.stream) this.stream.getTracks().forEach((t) => t.stop());
        this.stream = null;
    }

    changed() {
        this.dispatchEvent(new Event('change'));
    }
}
