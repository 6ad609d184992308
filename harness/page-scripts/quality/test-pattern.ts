/**
 * What the generated camera shows below its frame stamp, as a function of the frame number alone, so a
 * receiver can draw the very frame it should have received and compare (PSNR, SSIM). It has to make the
 * encoder work as a camera does, or every bitrate would look perfect: a textured background panned at a
 * different speed in each stripe (motion the encoder predicts), a textured square on a curved path
 * (motion plus uncovered background), and a strip of fresh noise every frame (detail no prediction finds).
 * All of it is copies of textures made once, row by row: drawing a 640x360 frame costs a few hundred
 * memory copies, not a computation per pixel; what the camera costs beyond Chromium's fake device is the
 * encoder's work on a picture that moves (`npm run bench:camera`).
 * Luma only: the chroma planes stay neutral grey. No imports but the stamp and the generator: it runs in the page and
 * its worker.
 */
import { stampBandHeight, stampCell } from './frame-stamp.ts';
import { seededRandom } from './seeded-random.ts';

const clampByte = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

export class TestPattern {
  readonly width: number;
  readonly height: number;
  /** first row below the stamp */
  readonly top: number;
  private readonly cell: number;
  private readonly background: Uint8Array;
  private readonly square: Uint8Array;
  private readonly squareSide: number;
  private readonly noise: Uint8Array;
  private readonly noiseWidth: number;

  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
    this.cell = Math.max(4, stampCell(width));
    this.top = Math.min(height, stampBandHeight(width));
    const next = seededRandom(0x5eed);
    // background: twice as wide as the frame, so a pan is a window sliding over it
    const bw = 2 * width;
    this.background = new Uint8Array(bw * height);
    const phase = Array.from({ length: 4 }, () => next() * 2 * Math.PI);
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < bw; x += 1) {
        const u = (x / width) * 2 * Math.PI;
        const v = (y / height) * 2 * Math.PI;
        const smooth =
          40 * Math.sin(3 * u + phase[0]!) * Math.cos(2 * v + phase[1]!) +
          25 * Math.sin(11 * u + 7 * v + phase[2]!) +
          15 * Math.sin(23 * u - 13 * v + phase[3]!);
        this.background[y * bw + x] = clampByte(128 + smooth + (next() - 0.5) * 30);
      }
    }
    // the moving square: concentric rings, sharp edges
    this.squareSide = Math.max(4, Math.min(2 * this.cell, height - this.top));
    const s = this.squareSide;
    this.square = new Uint8Array(s * s);
    for (let y = 0; y < s; y += 1) {
      for (let x = 0; x < s; x += 1) {
        const ring = Math.floor(Math.hypot(x - s / 2, y - s / 2) / Math.max(2, s / 8));
        this.square[y * s + x] = ring % 2 === 0 ? 220 : 40;
      }
    }
    // noise: a wide strip read at a different place every frame
    this.noiseWidth = 4 * width;
    this.noise = new Uint8Array(this.noiseWidth * this.cell);
    for (let i = 0; i < this.noise.length; i += 1) this.noise[i] = 40 + Math.floor(next() * 176);
  }

  /** draws frame `frame` (modulo 65536, as the stamp carries it) into rows top..height of a luma plane of stride `width` */
  draw(frame: number, luma: Uint8Array): void {
    const { width, height, top, cell } = this;
    const bw = 2 * width;
    const noiseTop = Math.max(top, height - cell);
    // stripes of two cells pan at their own speed, every other one the other way
    for (let y = top; y < noiseTop; y += 1) {
      const stripe = Math.floor((y - top) / (2 * cell));
      const speed = (1 + (stripe % 3)) * (stripe % 2 === 0 ? 1 : -1);
      const shift = (((frame * speed) % width) + width) % width;
      luma.set(this.background.subarray(y * bw + shift, y * bw + shift + width), y * width);
    }
    // the square on a Lissajous path inside the area above the noise strip
    const s = this.squareSide;
    const room = Math.max(0, noiseTop - top - s);
    const sx = Math.round(((width - s) / 2) * (1 + Math.sin(frame * 0.071)));
    const sy = top + Math.round((room / 2) * (1 + Math.sin(frame * 0.053 + 1)));
    for (let y = 0; y < s && sy + y < noiseTop; y += 1) luma.set(this.square.subarray(y * s, y * s + Math.min(s, width - sx)), (sy + y) * width + sx);
    // fresh noise at the bottom: a pseudo-random window of the strip each frame
    const offset = (Math.imul(frame + 1, 2654435761) >>> 0) % (this.noiseWidth - width);
    for (let y = noiseTop; y < height; y += 1) {
      const row = (y - noiseTop) % cell;
      luma.set(this.noise.subarray(row * this.noiseWidth + offset, row * this.noiseWidth + offset + width), y * width);
    }
  }
}
