/**
 * The generated camera's timing, with the page's two WebCodecs classes stood in for by recorders and the
 * clock faked: every frame written carries the stamp of when it was made, and its timestamp says when it
 * was sent. Without a delay line both are the same tick; with one, each frame goes out D ± half a frame
 * interval after it was made, in order, one per tick, as the camera's own cadence sends them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generatedCamera } from '../../../../harness/page-scripts/generated-camera.ts';
import { readStamp, sinceStamp, type FrameStamp } from '../../../../harness/page-scripts/quality/frame-stamp.ts';

const WIDTH = 320;
const HEIGHT = 180;
const FPS = 15;
const INTERVAL = 1000 / FPS;

interface Written {
  stamp: FrameStamp | null;
  /** when the camera says it was sent (its timestamp), ms of the shared clock */
  sentMs: number;
  /** when it reached the track, on the faked clock */
  writtenAt: number;
}

let written: Written[] = [];

class RecordedFrame {
  readonly stamp: FrameStamp | null;
  readonly timestamp: number;
  constructor(data: Uint8Array, init: { timestamp: number; codedWidth: number; codedHeight: number }) {
    // the frame is read when it is made, as VideoFrame copies its data: later draws into the camera's
    // buffer must not change a frame already handed over
    this.stamp = readStamp({ data, offset: 0, stride: init.codedWidth, width: init.codedWidth, height: init.codedHeight }, { width: WIDTH, height: HEIGHT });
    this.timestamp = init.timestamp;
  }
  close(): void {}
}

class RecordingGenerator {
  readonly kind = 'video';
  readyState = 'live';
  readonly writable = {
    getWriter: () => ({
      desiredSize: 1,
      write: (frame: RecordedFrame) => {
        written.push({ stamp: frame.stamp, sentMs: frame.timestamp / 1000, writtenAt: performance.timeOrigin + performance.now() });
        return Promise.resolve();
      },
    }),
  };
}

beforeEach(() => {
  written = [];
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'performance'] });
  vi.stubGlobal('window', { MediaStreamTrackGenerator: RecordingGenerator, VideoFrame: RecordedFrame });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('generated camera', () => {
  it('sends each frame on the tick that makes it, stamped and timestamped with that moment', () => {
    const track = generatedCamera({ width: WIDTH, height: HEIGHT, fps: FPS, sender: 5, delayMs: 0 });
    vi.advanceTimersByTime(2000);
    (track as unknown as { readyState: string }).readyState = 'ended';
    expect(written.length).toBeGreaterThanOrEqual(30);
    written.forEach((w, i) => {
      expect(w.stamp, `frame ${i}`).toMatchObject({ sender: 5, frame: i });
      expect(Math.abs(sinceStamp(w.stamp!.time, w.sentMs))).toBeLessThanOrEqual(1);
      expect(w.writtenAt - w.sentMs).toBeLessThanOrEqual(1);
    });
  });

  it('holds every frame of the delay line D ± half a frame interval, in order, one frame per tick once it is full', () => {
    const delayMs = 300;
    const track = generatedCamera({ width: WIDTH, height: HEIGHT, fps: FPS, sender: 2, delayMs });
    vi.advanceTimersByTime(delayMs - INTERVAL);
    // nothing leaves before its time
    expect(written).toEqual([]);
    vi.advanceTimersByTime(3000);
    (track as unknown as { readyState: string }).readyState = 'ended';
    expect(written.length).toBeGreaterThanOrEqual(40);
    written.forEach((w, i) => {
      expect(w.stamp, `frame ${i}`).toMatchObject({ sender: 2, frame: i });
      const held = sinceStamp(w.stamp!.time, w.sentMs);
      expect(held, `frame ${i} held`).toBeGreaterThanOrEqual(delayMs - INTERVAL / 2 - 1);
      expect(held, `frame ${i} held`).toBeLessThanOrEqual(delayMs + INTERVAL / 2 + 1);
    });
    // the held stream keeps the camera's cadence: consecutive frames go out one interval apart
    // (the faked setInterval rounds the interval to whole ms)
    for (let i = 1; i < written.length; i += 1) expect(Math.abs(written[i]!.sentMs - written[i - 1]!.sentMs - INTERVAL)).toBeLessThanOrEqual(1);
  });
});
