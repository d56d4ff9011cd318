// The in-call controls of our own media: mute, camera, screen sharing and the device pickers. Each
// acts on the page's media, then calls back so that the call tells the other side.
import {explain} from './media.js';
import * as ui from './ui.js';
import {msg} from './i18n.js';

/** Whether our microphone is on (off when there is none). */
export function micOn(media) {
    return media.micOn && !!media.track('audio');
}

/** Whether our camera is on (off when there is none). */
export function cameraOn(media) {
    return media.cameraOn && !!media.track('video');
}

/** The mute and camera buttons as things are: off when the device is off or missing. */
export function showControls(media) {
    const mic = micOn(media);
    const camera = cameraOn(media);
    ui.setToggle('mic-btn', !mic, msg(mic ? 'call.mute' : 'call.unmute'), msg(mic ? 'call.muteLabel' : 'call.unmuteLabel'));
    ui.setToggle('cam-btn', !camera, msg(camera ? 'call.cameraOff' : 'call.cameraOn'),
        msg(camera ? 'call.cameraOffLabel' : 'call.cameraOnLabel'));
}

/**
 * Wires the buttons and pickers to the call's media ({@code currentMedia()}: the page's, once a
 * call is on); {@code toggled} runs after a mute or camera toggle.
 */
export function bindControls(currentMedia, toggled) {
    ui.el('mic-btn').addEventListener('click', () => toggle(currentMedia(), 'audio', toggled));
    ui.el('cam-btn').addEventListener('click', () => toggle(currentMedia(), 'video', toggled));
    ui.el('screen-btn').addEventListener('click', () => toggleScreen(currentMedia()));
    for (const [id, kind] of [['call-camera-select', 'video'], ['call-mic-select', 'audio']]) {
        ui.el(id).addEventListener('change', async () => {
            try {
                await currentMedia().switchDevice(kind, ui.el(id).value);
            } catch (error) {
                ui.notify(explain(error), 'error', 'media');
            }
        });
    }
}

/** Mute/unmute, camera off/on; turning on a device we do not have yet starts one (the call's choice). */
async function toggle(media, kind, toggled) {
    const on = kind === 'audio' ? micOn(media) : cameraOn(media);
    if (kind === 'audio') media.setMic(!on);
    else media.setCamera(!on);
    if (!on && !media.track(kind)) {
        const choice = ui.el(kind === 'audio' ? 'call-mic-select' : 'call-camera-select').value;
        try {
            await media.switchDevice(kind, choice || null);
        } catch (error) {
            ui.notify(explain(error), 'error', 'media');
        }
    }
    showControls(media);
    toggled();
}

async function toggleScreen(media) {
    try {
        if (media.screenTrack) {
            media.stopScreen();
        } else {
            // the browser's own "stop sharing" ends it too
            await media.startScreen(() => { if (media.screenTrack) toggleScreen(media); });
        }
    } catch (error) {
        if (error.name !== 'NotAllowedError') ui.notify(msg('call.screenFailed', {detail: error.message}), 'error', 'screen');
    }
    const sharing = !!media.screenTrack;
    ui.setToggle('screen-btn', sharing, msg(sharing ? 'call.stopShare' : 'call.share'),
        msg(sharing ? 'call.stopShareLabel' : 'call.shareLabel'));
}
