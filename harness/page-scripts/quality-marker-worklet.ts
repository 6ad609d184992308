/**
 * The receivers' audio marker detector (quality/audio-marker.ts) as an AudioWorklet processor: it hears a
 * remote audio track through the page's audio context, 128 samples at a time on the audio thread, and posts
 * each marker it reads with the context frame of its onset, which the page turns into the time that
 * sample is played out (AudioContext.getOutputTimestamp). Bundled on its own and added to the context
 * from a blob by quality-receiver.ts.
 */
import { MarkerDetector } from './quality/audio-marker.ts';

declare const sampleRate: number;
declare const currentFrame: number;
declare function registerProcessor(name: string, processor: unknown): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}

// a quantum without input still takes its place in the stream, so onsets keep matching context frames
const SILENCE = new Float32Array(128);

class MarkerProcessor extends AudioWorkletProcessor {
  private readonly detector = new MarkerDetector(sampleRate);
  /** the context frame of the first sample fed to the detector */
  private firstFrame: number | null = null;
  /** the context frame the next sample should have */
  private next = 0;
  private heard = false;

  process(inputs: Float32Array[][]): boolean {
    const channel = inputs[0]?.[0] ?? SILENCE;
    if (this.firstFrame === null) {
      this.firstFrame = currentFrame;
      this.next = currentFrame;
    }
    // the graph does not run a node whose input is silent: those quanta keep their place as silence, so a
    // marker's onset stays on the context frame it was played at
    this.detector.skip(currentFrame - this.next);
    this.next = currentFrame + channel.length;
    // the page plays this track only when the platform's page does not: it asks whether sound comes at all
    if (!this.heard && channel.some((v) => v !== 0)) {
      this.heard = true;
      this.port.postMessage({ heard: true });
    }
    const unreadable = this.detector.unreadable;
    for (const hit of this.detector.push(channel)) this.port.postMessage({ sender: hit.sender, time: hit.time, frame: this.firstFrame + hit.onset });
    if (this.detector.unreadable > unreadable) this.port.postMessage({ unreadable: this.detector.unreadable - unreadable });
    return true;
  }
}

registerProcessor('meetbench-marker-detector', MarkerProcessor);
