/**
 * Freezes of one received video, by the rule of the WebRTC statistics (webrtc-stats freezeCount, as
 * libwebrtc applies it): the time between two new frames is a freeze when it reaches max(3 × the average
 * interval, the average + 150 ms), the average taken over the last 30 intervals with the current one
 * included, and only once 5 intervals are known. Unlike freezeCount, a stop longer than 5 s (the stats'
 * "pause") also counts: what the viewer sees is the same picture on the screen, whatever the cause, so a
 * network cut of 5 s shows as 5 s frozen. Frames the sender made and the receiver never got (their numbers
 * skipped) are counted too. Times in ms of the shared clock. No imports: it runs in the page's worker.
 */
const HISTORY = 30;
const MIN_INTERVALS = 5;

export interface Freeze {
  /** when the frozen picture arrived (the last new frame before the freeze) */
  from: number;
  durationMs: number;
}

export class FreezeTracker {
  private lastFrame: number | null = null;
  private lastAt: number | null = null;
  private readonly intervals: number[] = [];
  frames = 0;
  skipped = 0;
  readonly freezes: Freeze[] = [];

  /** the threshold an interval must reach to be a freeze, or null while fewer than 5 intervals are known */
  private threshold(withInterval: number): number | null {
    if (this.intervals.length + 1 < MIN_INTERVALS) return null;
    const recent = [...this.intervals.slice(-(HISTORY - 1)), withInterval];
    // libwebrtc rounds the average down to whole milliseconds
    const average = Math.floor(recent.reduce((a, b) => a + b, 0) / recent.length);
    return Math.max(3 * average, average + 150);
  }

  /** a decoded frame: its number (modulo `modulo`) and when it arrived */
  frame(number: number, at: number, modulo: number): void {
    if (number === this.lastFrame) return;
    if (this.lastFrame !== null && this.lastAt !== null) {
      const step = (((number - this.lastFrame) % modulo) + modulo) % modulo;
      // an older frame arriving late is not a new picture
      if (step === 0 || step > modulo / 2) return;
      this.skipped += step - 1;
      const interval = at - this.lastAt;
      const threshold = this.threshold(interval);
      if (threshold !== null && interval >= threshold) this.freezes.push({ from: this.lastAt, durationMs: interval });
      this.intervals.push(interval);
      if (this.intervals.length > HISTORY) this.intervals.shift();
    }
    this.frames += 1;
    this.lastFrame = number;
    this.lastAt = at;
  }

  /** a freeze still on the screen at `now` (no new frame since), or null */
  ongoing(now: number): Freeze | null {
    if (this.lastAt === null) return null;
    const interval = now - this.lastAt;
    const threshold = this.threshold(interval);
    return threshold !== null && interval >= threshold ? { from: this.lastAt, durationMs: interval } : null;
  }
}
