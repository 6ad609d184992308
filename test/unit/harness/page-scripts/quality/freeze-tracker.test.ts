import { describe, expect, it } from 'vitest';
import { FreezeTracker } from '../../../../../harness/page-scripts/quality/freeze-tracker.ts';

const M = 65_536;

function feed(tracker: FreezeTracker, frames: Array<[number, number]>): void {
  for (const [n, at] of frames) tracker.frame(n, at, M);
}

const steady = (from: number, count: number, start: number, interval = 66): Array<[number, number]> =>
  Array.from({ length: count }, (_, i) => [from + i, start + i * interval]);

describe('freezes as the WebRTC statistics define them, pauses included', () => {
  it('finds none in a steady stream with the usual jitter', () => {
    const t = new FreezeTracker();
    feed(
      t,
      steady(0, 60, 0).map(([n, at], i) => [n, at + (i % 3) * 10]),
    );
    expect(t.freezes).toEqual([]);
    expect(t.frames).toBe(60);
    expect(t.skipped).toBe(0);
  });

  it('counts a 5-s stop as one freeze of its whole length, and the frames skipped meanwhile', () => {
    const t = new FreezeTracker();
    feed(t, steady(0, 30, 0));
    feed(t, steady(30 + 75, 30, 29 * 66 + 5000));
    expect(t.freezes).toEqual([{ from: 29 * 66, durationMs: 5000 }]);
    expect(t.skipped).toBe(75);
  });

  it('needs max(3 × average, average + 150 ms): at 15 fps a 200-ms gap is not a freeze, 260 ms is (the average then includes it: 75 ms)', () => {
    const short = new FreezeTracker();
    feed(short, [...steady(0, 20, 0), [20, 19 * 66 + 200]]);
    expect(short.freezes).toEqual([]);
    const long = new FreezeTracker();
    feed(long, [...steady(0, 20, 0), [20, 19 * 66 + 260]]);
    expect(long.freezes).toHaveLength(1);
  });

  it('ignores a repeated or late frame, follows the numbers across the wrap, and sees a freeze still on screen', () => {
    const t = new FreezeTracker();
    feed(t, [...steady(M - 10, 10, 0), [M - 5, 700], [0, 660], [1, 726]]);
    expect(t.frames).toBe(12);
    expect(t.skipped).toBe(0);
    expect(t.ongoing(760)).toBeNull();
    expect(t.ongoing(726 + 3000)).toEqual({ from: 726, durationMs: 3000 });
  });
});
