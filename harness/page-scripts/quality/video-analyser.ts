/**
 * What a receiver measures on every remote video it decodes: each frame's stamp (who sent it, its number,
 * when it was made), hence per sender the latency of every frame, its freezes and skipped frames; and
 * about once a second per sender the picture against the frame the sender made (PSNR, SSIM at the decoded
 * size). Frames whose band cannot be read are counted per track, so "band unreadable" can be said instead
 * of a latency. `drain` hands over what was measured since its previous call. It runs in the page's worker
 * (or its main thread where a worker is refused); times are ms of the shared clock (timeOrigin + now).
 * No imports but the other quality modules: bundled into the worker.
 */
import { decodedBandHeight, FRAME_MODULO, readStamp, sinceStamp, stampBandHeight, type LumaView } from './frame-stamp.ts';
import { areaResample, psnr, ssim } from './frame-quality.ts';
import { FreezeTracker, type Freeze } from './freeze-tracker.ts';
import { TestPattern } from './test-pattern.ts';

export interface Capture {
  width: number;
  height: number;
}

/** the part of a decoded VideoFrame the analyser uses (WebCodecs) */
export interface DecodedFrame {
  readonly format: string | null;
  readonly visibleRect: { x: number; y: number; width: number; height: number } | null;
  allocationSize(options?: { rect?: { x: number; y: number; width: number; height: number } }): number;
  copyTo(
    destination: Uint8Array,
    options?: { rect?: { x: number; y: number; width: number; height: number } },
  ): Promise<Array<{ offset: number; stride: number }>>;
  close(): void;
}

export interface PictureScore {
  psnrDb: number | null;
  ssim: number | null;
  width: number;
  height: number;
}

export interface SenderReport {
  sender: number;
  /** ms from each frame's making to its arrival here, in arrival order */
  latencies: number[];
  frames: number;
  skipped: number;
  freezes: Freeze[];
  /** a freeze still on screen when drained with `final` */
  ongoing: Freeze | null;
  pictures: PictureScore[];
  width: number;
  height: number;
}

export interface TrackReport {
  track: string;
  frames: number;
  unreadable: number;
  width: number;
  height: number;
}

export interface VideoReport {
  senders: SenderReport[];
  tracks: TrackReport[];
  errors: string[];
}

interface SenderState {
  tracker: FreezeTracker;
  latencies: number[];
  pictures: PictureScore[];
  lastPictureAt: number;
  width: number;
  height: number;
  drainedFreezes: number;
  drainedFrames: number;
  drainedSkipped: number;
}

const now = (): number => performance.timeOrigin + performance.now();
const even = (v: number): number => v + (v % 2);

export class VideoAnalyser {
  private readonly capture: Capture;
  private readonly pictureEveryMs: number;
  private readonly senders = new Map<number, SenderState>();
  private readonly tracks = new Map<string, TrackReport>();
  private readonly patterns = new Map<string, TestPattern>();
  private readonly buffers = new Map<string, Uint8Array>();
  private readonly errors: string[] = [];

  constructor(capture: Capture, pictureEveryMs: number) {
    this.capture = capture;
    this.pictureEveryMs = pictureEveryMs;
  }

  /** reads a track's decoded frames until it ends */
  async watch(readable: ReadableStream<DecodedFrame>, track: string): Promise<void> {
    const reader = readable.getReader();
    for (;;) {
      const { value: frame, done } = await reader.read();
      if (done || !frame) return;
      const arrival = now();
      try {
        await this.frame(frame, track, arrival);
      } catch (error) {
        if (this.errors.length < 10) this.errors.push(String((error as Error)?.message ?? error));
      } finally {
        frame.close();
      }
    }
  }

  private trackEntry(track: string, width: number, height: number): TrackReport {
    let entry = this.tracks.get(track);
    if (!entry) {
      entry = { track, frames: 0, unreadable: 0, width, height };
      this.tracks.set(track, entry);
    }
    entry.width = width;
    entry.height = height;
    return entry;
  }

  async frame(frame: DecodedFrame, track: string, arrival: number): Promise<void> {
    const visible = frame.visibleRect;
    if (!visible || !frame.format) return;
    const { width, height } = visible;
    const entry = this.trackEntry(track, width, height);
    entry.frames += 1;
    const bandRows = Math.min(height, even(decodedBandHeight(width, this.capture)));
    const band = await this.luma(frame, { x: visible.x, y: visible.y, width, height: bandRows }, track);
    const stamp = band ? readStamp({ ...band, width, height }, this.capture) : null;
    if (!stamp) {
      entry.unreadable += 1;
      return;
    }
    const state = this.sender(stamp.sender);
    state.width = width;
    state.height = height;
    state.tracker.frame(stamp.frame, arrival, FRAME_MODULO);
    state.latencies.push(sinceStamp(stamp.time, arrival));
    if (arrival - state.lastPictureAt >= this.pictureEveryMs) {
      state.lastPictureAt = arrival;
      const whole = await this.luma(frame, { x: visible.x, y: visible.y, width, height });
      if (whole) state.pictures.push(this.score({ ...whole, width, height }, stamp.frame));
    }
  }

  /**
   * the luma plane of a rectangle of the frame (I420, NV12 and their alpha forms start with it); the band
   * of every frame goes to one buffer per track (`reuse`), read before that track's next frame is
   */
  private async luma(
    frame: DecodedFrame,
    rect: { x: number; y: number; width: number; height: number },
    reuse?: string,
  ): Promise<Omit<LumaView, 'width' | 'height'> | null> {
    if (!/^(I4|NV12)/.test(frame.format ?? '')) return null;
    const size = frame.allocationSize({ rect });
    let data = reuse ? this.buffers.get(reuse) : undefined;
    if (!data || data.length !== size) {
      data = new Uint8Array(size);
      if (reuse) this.buffers.set(reuse, data);
    }
    const layout = await frame.copyTo(data, { rect });
    const plane = layout[0];
    return plane ? { data, offset: plane.offset, stride: plane.stride } : null;
  }

  /** PSNR and SSIM against the sender's frame, drawn at the capture size and scaled to the decoded one */
  private score(decoded: LumaView, frameNumber: number): PictureScore {
    const { width: cw, height: ch } = this.capture;
    const key = `${cw}x${ch}`;
    let pattern = this.patterns.get(key);
    if (!pattern) {
      pattern = new TestPattern(cw, ch);
      this.patterns.set(key, pattern);
    }
    const reference = new Uint8Array(cw * ch);
    pattern.draw(frameNumber, reference);
    const scaled = areaResample(reference, cw, ch, decoded.width, decoded.height);
    // the band and the rows its edge blurs into are left out
    const top = Math.min(decoded.height, Math.ceil((stampBandHeight(cw) * decoded.height) / ch) + 2);
    return { psnrDb: psnr(decoded, scaled, top), ssim: ssim(decoded, scaled, top), width: decoded.width, height: decoded.height };
  }

  private sender(id: number): SenderState {
    let state = this.senders.get(id);
    if (!state) {
      state = {
        tracker: new FreezeTracker(),
        latencies: [],
        pictures: [],
        lastPictureAt: 0,
        width: 0,
        height: 0,
        drainedFreezes: 0,
        drainedFrames: 0,
        drainedSkipped: 0,
      };
      this.senders.set(id, state);
    }
    return state;
  }

  /** what was measured since the previous drain; `final` adds each freeze still on screen */
  drain(final = false): VideoReport {
    const at = now();
    const senders: SenderReport[] = [...this.senders.entries()].map(([sender, s]) => {
      const report: SenderReport = {
        sender,
        latencies: s.latencies.splice(0),
        frames: s.tracker.frames - s.drainedFrames,
        skipped: s.tracker.skipped - s.drainedSkipped,
        freezes: s.tracker.freezes.slice(s.drainedFreezes),
        ongoing: final ? s.tracker.ongoing(at) : null,
        pictures: s.pictures.splice(0),
        width: s.width,
        height: s.height,
      };
      s.drainedFrames = s.tracker.frames;
      s.drainedSkipped = s.tracker.skipped;
      s.drainedFreezes = s.tracker.freezes.length;
      return report;
    });
    const tracks = [...this.tracks.values()].map((t) => ({ ...t }));
    for (const t of this.tracks.values()) {
      t.frames = 0;
      t.unreadable = 0;
    }
    return { senders, tracks, errors: this.errors.splice(0) };
  }
}
