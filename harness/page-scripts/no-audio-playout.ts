/**
 * Remote audio received but never played (scenario `runner.playAudio: false`), for load participants
 * nobody listens to. Chromium decodes received audio only when something plays it: a media element
 * given the platform's remote stream starts a 10 ms render loop (decode, mix, IPC to the audio service,
 * a fake output). Measured on 10 participants in rooms of 2: about 12 points of runner CPU
 * (84-87 % down to 72-74 %, docs/scale.md). Here every stream handed to a media element loses its audio tracks, so the element
 * shows the video and the audio stays in the peer connection: RTP is still received, counted, reported
 * (audio_downlink_kbps, loss, jitter); only playout and its `audio_concealed_pct` are gone.
 * Web Audio playback (createMediaStreamSource) is not intercepted. Injected before any page script.
 */
(() => {
  const w = window as unknown as Record<string, unknown>;
  if (w.__meetbenchNoAudioPlayout) return;
  w.__meetbenchNoAudioPlayout = true;
  const descriptor = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject');
  if (!descriptor?.get || !descriptor.set) return;
  const { get, set } = descriptor;
  Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
    configurable: true,
    enumerable: descriptor.enumerable ?? true,
    get(this: HTMLMediaElement) {
      return get.call(this) as MediaProvider | null;
    },
    set(this: HTMLMediaElement, value: MediaProvider | null) {
      // a copy without audio: the platform's own stream object keeps its tracks for its own logic
      const stripped = value instanceof MediaStream && value.getAudioTracks().length > 0 ? new MediaStream(value.getVideoTracks()) : value;
      set.call(this, stripped);
    },
  });
})();
