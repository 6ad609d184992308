/**
 * A camera generated in the page (`media.camera: generated`): each frame is the test pattern of its
 * number (quality/test-pattern.ts) under a frame stamp saying who sent it, its number and when it was made
 * (quality/frame-stamp.ts), written as I420 straight to a MediaStreamTrackGenerator: no capture device, no
 * canvas, no colour conversion. It still costs each browser a few % of a core more than Chromium's fake
 * device at the same size (`npm run bench:camera`, docs/quality.md), most likely in the encoder: its
 * picture moves everywhere, as a camera's does, where the fake device's is mostly flat. The receivers read
 * the stamp to measure latency, freezes and skipped frames, and draw the same frame again to score the
 * picture (PSNR, SSIM).
 *
 * A calibration delay line (`calibrationDelayMs`) holds every frame that long between being made and being
 * sent, as a slow camera pipeline would: measured latency must rise by that much (± half a frame
 * interval). Chromium only (MediaStreamTrackGenerator, VideoFrame); no imports but the pattern and the
 * stamp: bundled into the page.
 */
import { drawStamp, FRAME_MODULO, stampTime } from './quality/frame-stamp.ts';
import { TestPattern } from './quality/test-pattern.ts';

export interface CameraOptions {
  width: number;
  height: number;
  fps: number;
  /** the sender's participant index, carried by every frame */
  sender: number;
  /** calibration: ms each frame is held before it is sent (0: none) */
  delayMs: number;
}

type Generator = MediaStreamTrack & { writable: WritableStream<unknown> };
type FrameInit = { format: 'I420'; codedWidth: number; codedHeight: number; timestamp: number };

/** MediaStreamTrackGenerator and VideoFrame: Chromium, in a secure context */
export function canGenerateCamera(): boolean {
  const w = window as unknown as Record<string, unknown>;
  return Boolean(w.MediaStreamTrackGenerator && w.VideoFrame);
}

const now = (): number => performance.timeOrigin + performance.now();

export function generatedCamera(options: CameraOptions): MediaStreamTrack {
  const w = window as unknown as Record<string, unknown>;
  const GeneratorClass = w.MediaStreamTrackGenerator as (new (init: { kind: 'video' }) => Generator) | undefined;
  const VideoFrameClass = w.VideoFrame as (new (data: BufferSource, init: FrameInit) => { close(): void }) | undefined;
  if (!GeneratorClass || !VideoFrameClass)
    throw new DOMException(
      'this page cannot generate a camera: MediaStreamTrackGenerator and VideoFrame need Chromium and a secure context',
      'NotSupportedError',
    );
  const { width, height, fps, sender, delayMs } = options;
  const track = new GeneratorClass({ kind: 'video' });
  const writer = track.writable.getWriter();
  const pattern = new TestPattern(width, height);
  const lumaSize = width * height;
  // I420: the luma plane, then two quarter-size chroma planes left neutral (grey): drawn once
  const buffer = new Uint8Array(lumaSize + 2 * Math.ceil(width / 2) * Math.ceil(height / 2)).fill(128);
  const luma = buffer.subarray(0, lumaSize);
  // the calibration delay line: frames made on time, sent by the same tick that sends undelayed ones, so
  // the held stream keeps the camera's cadence. Per-frame timers would release them in clumps on a busy
  // page, and the receiver's jitter buffer would grow by that jitter on top of the delay being calibrated.
  // A frame goes out at the first tick at most half an interval before it is due: held D ± interval/2.
  const held: Array<{ due: number; data: Uint8Array<ArrayBuffer> }> = [];
  let frame = 0;
  let backlog = 0;
  let stopped = false;
  const stop = (): void => {
    stopped = true;
    clearInterval(timer);
    held.length = 0;
  };
  const interval = 1000 / fps;
  // a frame's timestamp is when it is sent: a camera pipeline as slow as the delay line would stamp it so
  const videoFrame = (data: Uint8Array<ArrayBuffer>, sent: number): { close(): void } =>
    new VideoFrameClass(data, { format: 'I420', codedWidth: width, codedHeight: height, timestamp: Math.round(sent * 1000) });
  const write = (frame: { close(): void }): void => {
    if (stopped || track.readyState === 'ended') {
      frame.close();
      stop();
      return;
    }
    writer.write(frame).catch(() => stop());
  };
  const tick = (): void => {
    if (track.readyState === 'ended') return stop();
    // the track has not taken the previous frame yet (a starved page): skip this tick, as a camera
    // would, rather than queue frames that would then all be late
    if ((writer.desiredSize ?? 1) <= 0) {
      backlog += 1;
      return;
    }
    const made = now();
    pattern.draw(frame, luma);
    drawStamp(luma, width, { sender, frame, time: stampTime(made) });
    frame = (frame + 1) % FRAME_MODULO;
    if (delayMs <= 0) return write(videoFrame(buffer, made));
    held.push({ due: made + delayMs, data: buffer.slice() });
    while (held.length > 0 && held[0]!.due <= made + interval / 2) write(videoFrame(held.shift()!.data, made));
  };
  // a timer, not requestAnimationFrame: a hidden headless page gets no animation frames
  const timer = setInterval(tick, interval);
  tick();
  (track as unknown as Record<string, unknown>).__meetbenchBacklog = () => backlog;
  return track;
}
