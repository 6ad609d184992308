/**
 * A camera generated in the page (`media.camera: generated`): each frame is the test pattern of its
 * number (quality/test-pattern.ts) under a frame stamp saying who sent it, its number and when it was made
 * (quality/frame-stamp.ts), written as I420 straight to a MediaStreamTrackGenerator: no capture device, no
 * canvas, no colour conversion, so it costs less than Chromium's fake device at the same size
 * (`npm run bench:camera`). The receivers read the stamp to measure latency, freezes and skipped frames,
 * and draw the same frame again to score the picture (PSNR, SSIM).
 *
 * A calibration delay line (`calibrationDelayMs`) holds every frame that long between being made and being
 * sent, as a slow camera pipeline would: measured latency must rise by exactly that much. Chromium only
 * (MediaStreamTrackGenerator, VideoFrame); no imports but the pattern and the stamp: bundled into the page.
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
  const held = new Set<ReturnType<typeof setTimeout>>();
  let frame = 0;
  let backlog = 0;
  let stopped = false;
  const stop = (): void => {
    stopped = true;
    clearInterval(timer);
    for (const h of held) clearTimeout(h);
    held.clear();
  };
  const write = (videoFrame: { close(): void }): void => {
    if (stopped || track.readyState === 'ended') {
      videoFrame.close();
      stop();
      return;
    }
    writer.write(videoFrame).catch(() => stop());
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
    // the frame's timestamp is when it is sent: a camera pipeline that slow would stamp it so
    const videoFrame = new VideoFrameClass(buffer, { format: 'I420', codedWidth: width, codedHeight: height, timestamp: Math.round((made + delayMs) * 1000) });
    if (delayMs <= 0) return write(videoFrame);
    const h = setTimeout(() => {
      held.delete(h);
      write(videoFrame);
    }, delayMs);
    held.add(h);
  };
  // a timer, not requestAnimationFrame: a hidden headless page gets no animation frames
  const timer = setInterval(tick, 1000 / fps);
  tick();
  (track as unknown as Record<string, unknown>).__meetbenchBacklog = () => backlog;
  return track;
}
