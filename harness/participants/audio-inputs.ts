/**
 * Chromium opens at most 16 audio inputs (microphones, the fake one included) per browser process: its
 * AudioManagerBase's default maximum of input streams. Measured here: with 20 senders in one shared
 * browser, exactly 16 microphones opened and the other getUserMedia calls failed with "NotReadableError:
 * Could not start audio source". What follows depends on the platform's page: the participant fails to
 * join, or worse, Janus's VideoRoom demo publishes again without audio (publishOwnFeed(false)), so the
 * participant may join and be measured as if it spoke.
 * Receivers open no microphone and do not count, nor do senders whose microphone is generated in the page
 * (`media.microphone: generated`, page-scripts/generated-microphone.ts).
 */
export const MAX_AUDIO_INPUTS_PER_BROWSER = 16;

/**
 * Participants per shared browser when the scenario does not say: all of them in one browser, unless more
 * than 16 senders would then share it (senders take the first indexes, so the first browser gets them).
 */
export function defaultParticipantsPerBrowser(local: number, senders: number): number {
  return Math.min(local, senders) > MAX_AUDIO_INPUTS_PER_BROWSER ? MAX_AUDIO_INPUTS_PER_BROWSER : Math.max(1, local);
}

/** senders the first browser of `perBrowser` participants gets (it has the most: senders come first) */
export function sendersInFirstBrowser(perBrowser: number, senders: number): number {
  return Math.min(perBrowser, senders);
}

/** a scenario's `participants.media.microphone`: Chromium's fake device, or a tone generated in the page */
export const MICROPHONES = ['device', 'generated'] as const;
export type Microphone = (typeof MICROPHONES)[number];

/** microphones the senders open: none when theirs is generated in the page */
export function microphonesOpened(senders: number, microphone: Microphone): number {
  return microphone === 'device' ? senders : 0;
}

/**
 * The microphone a trial's senders really used, for its record: remote browsers have no fake device and
 * always send the page's generated tone (page-scripts/generated-media.ts), so local device microphones
 * beside remote senders are "mixed".
 */
export function microphoneUsed(microphone: Microphone, localSenders: number, remoteSenders: number): Microphone | 'mixed' {
  if (microphone === 'generated' || remoteSenders === 0) return microphone;
  return localSenders > 0 ? 'mixed' : 'generated';
}
