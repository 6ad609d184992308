import { describe, expect, it } from 'vitest';
import { areaResample, psnr, PSNR_CAP_DB, ssim } from '../../../../../harness/page-scripts/quality/frame-quality.ts';
import { TestPattern } from '../../../../../harness/page-scripts/quality/test-pattern.ts';

const frameOf = (pattern: TestPattern, n: number): Uint8Array => {
  const luma = new Uint8Array(pattern.width * pattern.height);
  pattern.draw(n, luma);
  return luma;
};
const view = (data: Uint8Array, width: number, height: number) => ({ data, offset: 0, stride: width, width, height });

describe('picture quality against the regenerated reference', () => {
  const pattern = new TestPattern(320, 180);
  const reference = frameOf(pattern, 100);

  it('gives the cap and 1 for the very frame, and less for a degraded one', () => {
    expect(psnr(view(reference, 320, 180), reference, pattern.top)).toBe(PSNR_CAP_DB);
    expect(ssim(view(reference, 320, 180), reference, pattern.top)).toBeCloseTo(1, 10);
    const noisy = reference.map((v, i) => Math.max(0, Math.min(255, v + ((i * 7919) % 21) - 10)));
    const p = psnr(view(noisy, 320, 180), reference, pattern.top)!;
    // uniform noise of ±10: MSE about 36.7, PSNR about 32.5 dB
    expect(p).toBeGreaterThan(31);
    expect(p).toBeLessThan(34);
    expect(ssim(view(noisy, 320, 180), reference, pattern.top)).toBeLessThan(0.98);
  });

  it('scores another frame of the pattern far below the right one: the frame number matters', () => {
    const other = frameOf(pattern, 101);
    expect(psnr(view(other, 320, 180), reference, pattern.top)).toBeLessThan(20);
  });

  it('compares at the decoded size: the reference area-averaged as the encoder scales', () => {
    const big = new TestPattern(640, 360);
    const full = frameOf(big, 7);
    const half = areaResample(full, 640, 360, 320, 180);
    expect(psnr(view(half, 320, 180), areaResample(full, 640, 360, 320, 180), big.top / 2)).toBe(PSNR_CAP_DB);
    // a 2:1 area average is the mean of each 2x2 block
    expect(half[0]).toBe(Math.round((full[0]! + full[1]! + full[640]! + full[641]!) / 4));
  });
});

describe('the test pattern', () => {
  it('is the same for the same frame number, on every side, and moves from frame to frame', () => {
    const a = new TestPattern(320, 180);
    const b = new TestPattern(320, 180);
    expect(frameOf(a, 42)).toEqual(frameOf(b, 42));
    const before = frameOf(a, 42);
    const changed = frameOf(a, 43).filter((v, i) => v !== before[i]).length;
    expect(changed / (320 * (180 - a.top))).toBeGreaterThan(0.5);
  });

  it('leaves the stamp band to the stamp', () => {
    const p = new TestPattern(640, 360);
    expect(p.top).toBe(96);
    expect(
      frameOf(p, 3)
        .subarray(0, 96 * 640)
        .every((v) => v === 0),
    ).toBe(true);
  });
});
