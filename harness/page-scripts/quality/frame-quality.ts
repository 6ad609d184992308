/**
 * Full-reference picture quality of one decoded frame against the frame the sender made: PSNR on luma
 * (10·log10(255²/MSE), capped at 60 dB for identical frames as VMAF's tools do) and SSIM the way libvpx
 * computes it (8x8 windows every 4 pixels, C1 = (0.01·255)², C2 = (0.03·255)², the windows' mean). The
 * reference is drawn at the capture size, then area-averaged to the decoded size when the encoder or the
 * platform scaled the video down, as libyuv's box filter does. Only the rows below the frame stamp count.
 * No imports but frame-stamp.ts: it runs in the page's worker.
 */
import type { LumaView } from './frame-stamp.ts';

export const PSNR_CAP_DB = 60;
const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;

/**
 * One pass of an area average along one axis: `count` lines of `from` samples each become `to` samples,
 * sample k of line l read at `at(l, k)` and written by `put(l, k, v)`.
 */
function areaPass(count: number, from: number, to: number, at: (line: number, k: number) => number, put: (line: number, k: number, v: number) => void): void {
  const step = from / to;
  for (let k = 0; k < to; k += 1) {
    const a = k * step;
    const b = a + step;
    for (let line = 0; line < count; line += 1) {
      let sum = 0;
      for (let i = Math.floor(a); i < Math.ceil(b); i += 1) sum += at(line, i) * (Math.min(b, i + 1) - Math.max(a, i));
      put(line, k, sum / step);
    }
  }
}

/** `source` (width × height, stride = width) area-averaged to `toWidth` × `toHeight` */
export function areaResample(source: Uint8Array, width: number, height: number, toWidth: number, toHeight: number): Uint8Array {
  if (toWidth === width && toHeight === height) return source;
  const across = new Float32Array(toWidth * height);
  areaPass(
    height,
    width,
    toWidth,
    (y, x) => source[y * width + x]!,
    (y, x, v) => (across[y * toWidth + x] = v),
  );
  const out = new Uint8Array(toWidth * toHeight);
  areaPass(
    toWidth,
    height,
    toHeight,
    (x, y) => across[y * toWidth + x]!,
    (x, y, v) => (out[y * toWidth + x] = Math.round(v)),
  );
  return out;
}

/** PSNR in dB of rows top..height of `decoded` against `reference` (same size, stride = width) */
export function psnr(decoded: LumaView, reference: Uint8Array, top: number): number | null {
  let squared = 0;
  let count = 0;
  for (let y = top; y < decoded.height; y += 1) {
    const row = decoded.offset + y * decoded.stride;
    const ref = y * decoded.width;
    for (let x = 0; x < decoded.width; x += 1) {
      const d = decoded.data[row + x]! - reference[ref + x]!;
      squared += d * d;
    }
    count += decoded.width;
  }
  if (count === 0) return null;
  const mse = squared / count;
  return mse === 0 ? PSNR_CAP_DB : Math.min(PSNR_CAP_DB, 10 * Math.log10((255 * 255) / mse));
}

/** SSIM of rows top..height of `decoded` against `reference` (same size, stride = width) */
export function ssim(decoded: LumaView, reference: Uint8Array, top: number): number | null {
  const n = 64;
  let total = 0;
  let windows = 0;
  for (let y0 = top; y0 + 8 <= decoded.height; y0 += 4) {
    for (let x0 = 0; x0 + 8 <= decoded.width; x0 += 4) {
      let ss = 0;
      let rs = 0;
      let sss = 0;
      let rrs = 0;
      let srs = 0;
      for (let y = y0; y < y0 + 8; y += 1) {
        const row = decoded.offset + y * decoded.stride;
        const ref = y * decoded.width;
        for (let x = x0; x < x0 + 8; x += 1) {
          const s = decoded.data[row + x]!;
          const r = reference[ref + x]!;
          ss += s;
          rs += r;
          sss += s * s;
          rrs += r * r;
          srs += s * r;
        }
      }
      const ms = ss / n;
      const mr = rs / n;
      const vs = sss / n - ms * ms;
      const vr = rrs / n - mr * mr;
      const cov = srs / n - ms * mr;
      total += ((2 * ms * mr + C1) * (2 * cov + C2)) / ((ms * ms + mr * mr + C1) * (vs + vr + C2));
      windows += 1;
    }
  }
  return windows === 0 ? null : total / windows;
}
