// Local media: devices, the camera/microphone stream, mute, camera off, switching devices
// mid-call with replaceTrack (no renegotiation), and screen sharing.

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

/** What the user is told when the camera ('video') or the microphone ('audio') is missing, the other not. */
export function explainMissing(kind) {
    return msg(kind === 'video' ? 'media.noCamera' : 'media.noMic');
}

export class Media {
    constructor() {
        this.stream = null;
        this.screenTrack = null;
        this.micOn = true;
        this.cameraOn = true;
        this.missing = null;   // 'video' or 'audio' when the last start found only the other
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

    /** Starts camera and microphone; either may be missing, not both. */
    async start(cameraId, micId) {
        const video = cameraId ? {deviceId: {exact: cameraId}} : true;
        const audio = micId ? {deviceId: {exact: micId}} : true;
        let stream;
        let missing = null;
        try {
            stream = await navigator.mediaDevices.getUserMedia({video, audio});
        } catch (error) {
            if (error.name !== 'NotFoundError') throw error;
            // one of the two may be missing: take what exists (when neither exists, the first error)
            missing = 'video';
            stream = await navigator.mediaDevices.getUserMedia({video: false, audio})
                .catch(() => { missing = 'audio'; return navigator.mediaDevices.getUserMedia({video, audio: false}); })
                .catch(() => { throw error; });
        }
        this.stop();
        this.stream = stream;
        this.missing = missing;
        this.apply();
        return stream;
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
     * Switches to another camera or microphone; the peer connection's sender keeps going. The old
     * device is released first: many phones cannot open two cameras at once.
     */
    async switchDevice(kind, deviceId, pc) {
        const old = this.track(kind);
        const sender = pc && old ? pc.getSenders().find((s) => s.track === old) : null;
        if (old) {
            old.stop();
            this.stream.removeTrack(old);
        }
        const constraints = kind === 'video'
            ? {video: {deviceId: {exact: deviceId}}}
            : {audio: {deviceId: {exact: deviceId}}};
        const fresh = (await navigator.mediaDevices.getUserMedia(constraints)).getTracks()[0];
        this.stream.addTrack(fresh);
        this.apply();
        if (sender) await sender.replaceTrack(fresh);
        return fresh;
    }

    /** Replaces the outgoing camera track by a screen capture; onEnded fires if the user stops it. */
    async startScreen(pc, onEnded) {
        const screen = await navigator.mediaDevices.getDisplayMedia({video: true, audio: false});
        const track = screen.getVideoTracks()[0];
        const sender = this.videoSender(pc);
        if (sender) await sender.replaceTrack(track);
        this.screenTrack = track;
        track.addEventListener('ended', () => onEnded());
        return track;
    }

    async stopScreen(pc) {
        if (!this.screenTrack) return;
        const sender = this.videoSender(pc);
        if (sender) await sender.replaceTrack(this.track('video'));
        this.screenTrack.stop();
        this.screenTrack = null;
    }

    videoSender(pc) {
        if (!pc) return null;
        const camera = this.track('video');
        return pc.getSenders().find((s) => s.track && (s.track === camera || s.track === this.screenTrack))
            || pc.getTransceivers().find((t) => t.receiver.track.kind === 'video')?.sender
            || null;
    }

    stop() {
        if (this.screenTrack) this.screenTrack.stop();
        this.screenTrack = null;
        if (this.stream) this.stream.getTracks().forEach((t) => t.stop());
        this.stream = null;
    }
}
