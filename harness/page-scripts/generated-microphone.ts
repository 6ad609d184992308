/**
 * A microphone generated in the page (`media.microphone: generated`): a 400 Hz tone written to a
 * MediaStreamTrackGenerator in 20-ms chunks, the Opus packet size, so WebRTC encodes and sends one packet
 * per chunk as it would from a device. No audio device is opened: no capture thread in the audio service, no
 * 10-ms IPC to the renderer, no audio processing (echo cancellation, noise suppression, gain control), and
 * no limit of 16 microphones per browser. What the platform receives is still Opus audio from a WebRTC
 * sender; a tone that never stops is a participant who talks all the time, coded at the encoder's target
 * rate (about 32 kbit/s), where Chromium's fake device beeps briefly twice a second (about 24 kbit/s).
 * Chromium only (MediaStreamTrackGenerator, AudioData); no imports: bundled into the page.
 */

const RATE = 48_000;
const CHUNK = RATE / 50; // 20 ms
// 400 Hz: 8 whole periods per chunk, so every chunk is the same one, computed once (AudioData copies it);
// 16 pages of one renderer run their timers on one main thread, which then does no math per chunk
const TONE = Float32Array.from({ length: CHUNK }, (_, i) => 0.1 * Math.sin((2 * Math.PI * 400 * i) / RATE));
// after a stall of the page (a long task), write at most this much late audio at once, then drop the
// rest, as a device whose buffer overflowed would: a burst of old packets would read as network jitter
const MAX_CATCH_UP = RATE / 10;

type Generator = MediaStreamTrack & { writable: WritableStream<unknown> };

/** MediaStreamTrackGenerator and AudioData: Chromium, in a secure context (AudioData is hidden elsewhere) */
export function canGenerateMicrophone(): boolean {
  const w = window as unknown as Record<string, unknown>;
  return Boolean(w.MediaStreamTrackGenerator && w.AudioData);
}

export function generatedMicrophone(): MediaStreamTrack {
  const w = window as unknown as Record<string, unknown>;
  const GeneratorClass = w.MediaStreamTrackGenerator as (new (init: { kind: 'audio' }) => Generator) | undefined;
  const AudioDataClass = w.AudioData as (new (init: object) => unknown) | undefined;
  if (!GeneratorClass || !AudioDataClass) throw new DOMException('this page cannot generate a microphone: MediaStreamTrackGenerator and AudioData need Chromium and a secure context', 'NotSupportedError');
  const track = new GeneratorClass({ kind: 'audio' });
  const writer = track.writable.getWriter();
  const started = performance.now();
  let written = 0;
  const pump = (): void => {
    if (track.readyState === 'ended') {
      clearInterval(timer);
      return;
    }
    const due = Math.floor(((performance.now() - started) / 1000) * RATE) + CHUNK;
    if (due - written > MAX_CATCH_UP) written = due - MAX_CATCH_UP;
    while (written + CHUNK <= due) {
      writer.write(new AudioDataClass({ format: 'f32', sampleRate: RATE, numberOfFrames: CHUNK, numberOfChannels: 1, timestamp: Math.round((written / RATE) * 1e6), data: TONE })).catch(() => clearInterval(timer));
      written += CHUNK;
    }
  };
  // a timer, not requestAnimationFrame: a hidden headless page gets no animation frames
  const timer = setInterval(pump, CHUNK / (RATE / 1000));
  pump();
  return track;
}
