import { describe, expect, it } from 'vitest';
import {
  drawStamp,
  readStamp,
  sinceStamp,
  stampBandHeight,
  stampTime,
  TIME_MODULO,
  type FrameStamp,
} from '../../../../../harness/page-scripts/quality/frame-stamp.ts';
import { areaResample } from '../../../../../harness/page-scripts/quality/frame-quality.ts';

const capture = { width: 640, height: 360 };
const stamp: FrameStamp = { sender: 37, frame: 51_234, time: 987_654 };

function stamped(width = capture.width, height = capture.height, s = stamp): Uint8Array {
  const luma = new Uint8Array(width * height).fill(128);
  drawStamp(luma, width, s);
  return luma;
}

const view = (data: Uint8Array, width: number, height: number) => ({ data, offset: 0, stride: width, width, height });

describe('frame stamp', () => {
  it('reads back what was drawn, at the capture size and at any size of the same shape', () => {
    expect(readStamp(view(stamped(), 640, 360), capture)).toEqual(stamp);
    for (const [w, h] of [
      [320, 180],
      [480, 270],
      [160, 90],
    ] as const) {
      expect(readStamp(view(areaResample(stamped(), 640, 360, w, h), w, h), capture), `${w}x${h}`).toEqual(stamp);
    }
  });

  it('survives noise of a third of the black-to-white step on every pixel', () => {
    const luma = stamped();
    let seed = 1;
    for (let i = 0; i < luma.length; i += 1) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      luma[i] = Math.max(0, Math.min(255, luma[i]! + ((seed % 141) - 70)));
    }
    expect(readStamp(view(luma, 640, 360), capture)).toEqual(stamp);
  });

  it('refuses a frame cropped or re-scaled to another shape, and one whose band was damaged', () => {
    // a 4:3 crop of the middle (what a tile that fills its box does)
    const cropped = new Uint8Array(480 * 360);
    const full = stamped();
    for (let y = 0; y < 360; y += 1) cropped.set(full.subarray(y * 640 + 80, y * 640 + 560), y * 480);
    expect(readStamp(view(cropped, 480, 360), capture)).toBeNull();
    // the same crop scaled back to 16:9
    expect(readStamp(view(areaResample(cropped, 480, 360, 640, 360), 640, 360), { width: 640, height: 360 })).toBeNull();
    // one cell of the payload flipped: the CRC says so
    const damaged = stamped();
    const cell = 32;
    for (let y = 0; y < cell; y += 1) for (let x = 5 * cell; x < 6 * cell; x += 1) damaged[y * 640 + x] = 255 - damaged[y * 640 + x]!;
    expect(readStamp(view(damaged, 640, 360), capture)).toBeNull();
    // no band at all: a grey picture
    expect(readStamp(view(new Uint8Array(640 * 360).fill(128), 640, 360), capture)).toBeNull();
  });

  it('covers three rows of cells a twentieth of the width high', () => {
    expect(stampBandHeight(640)).toBe(96);
    expect(stampBandHeight(320)).toBe(48);
  });

  it('carries time modulo 2^20 ms and gives elapsed time across the wrap, negative when the clock is behind', () => {
    const at = 5 * TIME_MODULO + 1000.4;
    expect(sinceStamp(stampTime(at - 120), at)).toBeCloseTo(120.4, 5);
    expect(sinceStamp(stampTime(5 * TIME_MODULO - 50), 5 * TIME_MODULO + 30)).toBe(80);
    expect(sinceStamp(stampTime(at + 40), at)).toBeCloseTo(-39.6, 5);
  });
});
