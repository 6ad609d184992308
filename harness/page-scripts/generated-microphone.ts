/**
 * A microphone generated in the page (`media.microphone: generated`): a 400 Hz tone written to a
 * MediaStreamTrackGenerator in 20-ms chunks, the Opus packet size, so WebRTC encodes and sends one packet
 * per chunk as it would from a device. No audio device is opened: no capture thread in the audio service, no
 * 10-ms IPC to the renderer, no audio processing (echo cancellation, noise suppression, gain control), and
 * no limit of 16 microphones per browser. What the platform receives is still Opus audio from a WebRTC
 * sender; a tone that never stops is a participant who talks all the time, coded at the encoder's target
 * rate (about 32 kbit/s), where Chromium's fake device beeps briefly twice a second (about 24 kbit/s).
 *
 * Once a second the tone gives way to a numbered marker (quality/audio-marker.ts: who sent it and when)
 * that receivers detect to measure mouth-to-ear latency. A calibration delay line (`delayMs`) holds every
 * chunk that long before it is sent, as the camera's does. Chromium only (MediaStreamTrackGenerator,
 * AudioData); no imports but the marker: bundled into the page.
 */
import { MARKER_PERIOD_S, MARKER_TIME_MODULO, markerWave } from './quality/audio-marker.ts';

const RATE = 48_000;
const CHUNK = RATE / 50; // 20 ms
// 400 Hz: 8 whole periods per chunk, so every chunk is the same one, computed once (AudioData copies it);
// 16 pages of one renderer run their timers on one main thread, which then does no math per chunk
const TONE = Float32Array.from({ length: CHUNK }, (_, i) => 0.1 * Math.sin((2 * Math.PI * 400 * i) / RATE));
// after a stall of the page (a long task), write at most this much late audio at once, then drop the
// rest, as a device whose buffer overflowed would: a burst of old packets would read as network jitter
const MAX_CATCH_UP = RATE / 10;
const CHUNKS_PER_MARKER = (MARKER_PERIOD_S * RATE) / CHUNK;

export interface MicrophoneOptions {
  /** the sender's participant index, carried by every marker */
  sender: number;
  /** calibration: ms each chunk is held before it is sent (0: none) */
  delayMs: number;
}

type Generator = MediaStreamTrack & { writable: WritableStream<unknown> };

/** MediaStreamTrackGenerator and AudioData: Chromium, in a secure context (AudioData is hidden elsewhere) */
export function canGenerateMicrophone(): boolean {
  const w = window as unknown as Record<string, unknown>;
  return Boolean(w.MediaStreamTrackGenerator && w.AudioData);
}

export function generatedMicrophone(options: MicrophoneOptions = { sender: 0, delayMs: 0 }): MediaStreamTrack {
  const w = window as unknown as Record<string, unknown>;
  const GeneratorClass = w.MediaStreamTrackGenerator as (new (init: { kind: 'audio' }) => Generator) | undefined;
  const AudioDataClass = w.AudioData as (new (init: object) => { close(): void }) | undefined;
  if (!GeneratorClass || !AudioDataClass)
    throw new DOMException(
      'this page cannot generate a microphone: MediaStreamTrackGenerator and AudioData need Chromium and a secure context',
      'NotSupportedError',
    );
  const track = new GeneratorClass({ kind: 'audio' });
  const writer = track.writable.getWriter();
  const started = performance.now();
  let written = 0;
  let chunks = 0;
  /** the marker being sent, and how far into it */
  let marker: Float32Array | null = null;
  let markerAt = 0;
  // the calibration delay line: chunks made on time, sent `delayMs` later by the same 20-ms pump that
  // sends undelayed ones, so the held stream has the same pacing (and jitter) as any other
  const held: Array<{ due: number; data: { close(): void } }> = [];
  const stop = (): void => {
    clearInterval(timer);
    for (const h of held.splice(0)) h.data.close();
  };
  const nextChunk = (): Float32Array => {
    if (chunks % CHUNKS_PER_MARKER === 0) {
      marker = markerWave({ sender: options.sender, time: Math.floor(performance.timeOrigin + performance.now()) % MARKER_TIME_MODULO }, RATE);
      markerAt = 0;
    }
    chunks += 1;
    if (!marker) return TONE;
    const chunk = new Float32Array(CHUNK);
    chunk.set(marker.subarray(markerAt, markerAt + CHUNK));
    // the marker's last chunk ends with the tone
    if (marker.length - markerAt < CHUNK) chunk.set(TONE.subarray(marker.length - markerAt), marker.length - markerAt);
    markerAt += CHUNK;
    if (markerAt >= marker.length) marker = null;
    return chunk;
  };
  const send = (data: { close(): void }): void => {
    if (track.readyState === 'ended') {
      data.close();
      return stop();
    }
    writer.write(data).catch(() => stop());
  };
  const pump = (): void => {
    if (track.readyState === 'ended') return stop();
    const due = Math.floor(((performance.now() - started) / 1000) * RATE) + CHUNK;
    if (due - written > MAX_CATCH_UP) written = due - MAX_CATCH_UP;
    while (written + CHUNK <= due) {
      const data = new AudioDataClass({
        format: 'f32',
        sampleRate: RATE,
        numberOfFrames: CHUNK,
        numberOfChannels: 1,
        timestamp: Math.round((written / RATE) * 1e6),
        data: nextChunk(),
      });
      written += CHUNK;
      if (options.delayMs > 0) held.push({ due: performance.now() + options.delayMs, data });
      else send(data);
    }
    while (held.length > 0 && held[0]!.due <= performance.now()) send(held.shift()!.data);
  };
  // a timer, not requestAnimationFrame: a hidden headless page gets no animation frames
  const timer = setInterval(pump, CHUNK / (RATE / 1000));
  pump();
  return track;
}
