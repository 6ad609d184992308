/**
 * Speaking patterns (`participants.media.speaking`): a sender's microphone is silent when the schedule
 * (speaking-schedule.ts) says it is not this participant's turn. The track handed to the platform is
 * disabled then (a disabled audio track sends silence, as a muted microphone does), so WebRTC encodes
 * silence, getStats reads its audio level as 0, and a platform that mixes or switches on the active
 * speaker sees who talks. The platform's own mute is kept: the track's `enabled` property answers what the
 * platform set, and the track is on only when the platform wants it on and the schedule says talk.
 *
 * Installed after the media scripts (fake-media.ts, generated-media.ts), it wraps whichever getUserMedia is
 * there, so it works with the generated microphone and with Chromium's fake device alike. No imports but
 * the schedule: bundled into the page.
 */
import { speakingAt, type SpeakingSchedule } from './speaking-schedule.ts';

interface SpeakingConfig {
  schedule: SpeakingSchedule;
  /** this sender's index among the senders */
  sender: number;
  senders: number;
  /** the trial's epoch (ms since 1970) every page counts from */
  epochMs: number;
}

/** how often the gate looks at the clock: turn boundaries land within this */
const STEP_MS = 50;

(() => {
  const w = window as unknown as Record<string, unknown>;
  const config = w.__meetbenchSpeaking as SpeakingConfig | undefined;
  if (!config || config.schedule.pattern === 'always' || !navigator.mediaDevices?.getUserMedia || w.__meetbenchSpeakingInstalled) return;
  w.__meetbenchSpeakingInstalled = true;
  const native = Object.getOwnPropertyDescriptor(MediaStreamTrack.prototype, 'enabled');
  if (!native?.get || !native.set) return;
  const setNative = native.set;
  const gated: Array<{ track: MediaStreamTrack; wanted: boolean }> = [];
  const talking = (): boolean => speakingAt(config.schedule, config.sender, config.senders, Date.now() - config.epochMs);

  const gate = (track: MediaStreamTrack): MediaStreamTrack => {
    const entry = { track, wanted: native.get!.call(track) as boolean };
    gated.push(entry);
    Object.defineProperty(track, 'enabled', {
      configurable: true,
      get: () => entry.wanted,
      set: (value: boolean) => {
        entry.wanted = Boolean(value);
        setNative.call(track, entry.wanted && talking());
      },
    });
    // a clone (some platforms send a copy of the captured track) follows the same schedule
    const clone = track.clone.bind(track);
    track.clone = () => gate(clone());
    setNative.call(track, entry.wanted && talking());
    return track;
  };

  setInterval(() => {
    const now = talking();
    for (const entry of gated) {
      if (entry.track.readyState === 'ended') continue;
      const on = entry.wanted && now;
      if ((native.get!.call(entry.track) as boolean) !== on) setNative.call(entry.track, on);
    }
  }, STEP_MS);

  const devices = navigator.mediaDevices;
  const original = devices.getUserMedia.bind(devices);
  devices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    const stream = await original(constraints);
    for (const track of stream.getAudioTracks()) gate(track);
    return stream;
  };
})();
