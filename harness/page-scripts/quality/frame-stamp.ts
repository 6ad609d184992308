/**
 * The frame stamp of the generated camera: a band of 3 rows of 20 square cells across the top of every
 * frame, each black or white, carrying who sent the frame, its number and when it was made. A receiver
 * reads each cell's mean brightness (no OCR): large cells keep their mean through VP8 or H.264 at low
 * bitrates and through the encoder's own down-scaling, and at widths that are a multiple of 320 they sit
 * on the codecs' 16-pixel macroblocks. A CRC-16 over the payload makes a band that did not survive (a
 * platform that re-scaled it to another shape, cropped it, or a frame too damaged) unreadable rather than
 * wrong. The geometry is relative to the frame, so a receiver reads it at any decoded size with the
 * capture's aspect ratio.
 *
 * Cells, row by row: 2 fixed (white, black), the sender (6 bits), the frame number (16 bits, modulo 65536),
 * the time it was made (20 bits: milliseconds of the shared clock modulo 2^20, about 17 minutes), then the
 * CRC-16 of those 42 bits. No imports but crc.ts: it runs in the page and its worker.
 */
import { crc16, pushBits, readBits } from './crc.ts';

export const STAMP_COLUMNS = 20;
export const STAMP_ROWS = 3;
export const SENDER_BITS = 6;
export const FRAME_BITS = 16;
export const TIME_BITS = 20;
const CRC_BITS = 16;
const SYNC = [1, 0];
const PAYLOAD_BITS = SENDER_BITS + FRAME_BITS + TIME_BITS;
export const STAMP_CELLS = STAMP_COLUMNS * STAMP_ROWS;
export const MAX_SENDERS = 2 ** SENDER_BITS;
export const FRAME_MODULO = 2 ** FRAME_BITS;
export const TIME_MODULO = 2 ** TIME_BITS;

/** video-range black and white: what a camera's darkest and brightest would be */
export const BLACK = 16;
export const WHITE = 235;
const THRESHOLD = (BLACK + WHITE) / 2;

export interface FrameStamp {
  /** the sender's participant index */
  sender: number;
  /** frame number modulo 65536 */
  frame: number;
  /** when the frame was made: ms of the shared clock modulo 2^20 */
  time: number;
}

/** side of one cell in the capture, in pixels */
export const stampCell = (width: number): number => Math.floor(width / STAMP_COLUMNS);
/** rows of the capture the band covers */
export const stampBandHeight = (width: number): number => stampCell(width) * STAMP_ROWS;

export function stampBits(stamp: FrameStamp): number[] {
  const bits = [...SYNC];
  pushBits(bits, stamp.sender % MAX_SENDERS, SENDER_BITS);
  pushBits(bits, stamp.frame % FRAME_MODULO, FRAME_BITS);
  pushBits(bits, stamp.time % TIME_MODULO, TIME_BITS);
  pushBits(bits, crc16(bits.slice(SYNC.length)), CRC_BITS);
  return bits;
}

/** draws the band into a luma plane of `width` columns (stride = width) */
export function drawStamp(luma: Uint8Array, width: number, stamp: FrameStamp): void {
  const cell = stampCell(width);
  const bits = stampBits(stamp);
  for (let i = 0; i < STAMP_CELLS; i += 1) {
    const value = bits[i] ? WHITE : BLACK;
    const x = (i % STAMP_COLUMNS) * cell;
    const y0 = Math.floor(i / STAMP_COLUMNS) * cell;
    for (let y = y0; y < y0 + cell; y += 1) luma.fill(value, y * width + x, y * width + x + cell);
  }
}

export interface LumaView {
  data: Uint8Array;
  offset: number;
  stride: number;
  /** the decoded frame's visible size */
  width: number;
  height: number;
}

/** true when a decoded size has the capture's shape (a re-scale to another shape or a crop breaks the band) */
export function sameShape(decoded: { width: number; height: number }, capture: { width: number; height: number }): boolean {
  const expectedHeight = (decoded.width * capture.height) / capture.width;
  // encoders round scaled sizes to even numbers: allow two rows
  return Math.abs(decoded.height - expectedHeight) <= 2;
}

/** rows of a decoded frame (of `decodedWidth` columns) the band reaches, rounded up */
export function decodedBandHeight(decodedWidth: number, capture: { width: number }): number {
  return Math.ceil((stampBandHeight(capture.width) * decodedWidth) / capture.width);
}

/** the stamp of a decoded frame, or null when the band cannot be read (wrong shape, damaged, cropped) */
export function readStamp(view: LumaView, capture: { width: number; height: number }): FrameStamp | null {
  if (!sameShape(view, capture)) return null;
  const cell = (stampCell(capture.width) * view.width) / capture.width;
  // the middle half of each cell: its edges blur into the neighbours at low bitrates
  const margin = cell / 4;
  const bits: number[] = [];
  for (let i = 0; i < STAMP_CELLS; i += 1) {
    const x0 = Math.round((i % STAMP_COLUMNS) * cell + margin);
    const y0 = Math.round(Math.floor(i / STAMP_COLUMNS) * cell + margin);
    const x1 = Math.max(x0 + 1, Math.round((i % STAMP_COLUMNS) * cell + cell - margin));
    const y1 = Math.max(y0 + 1, Math.round(Math.floor(i / STAMP_COLUMNS) * cell + cell - margin));
    let sum = 0;
    for (let y = y0; y < y1; y += 1) {
      const row = view.offset + y * view.stride;
      for (let x = x0; x < x1; x += 1) sum += view.data[row + x]!;
    }
    bits.push(sum / ((x1 - x0) * (y1 - y0)) > THRESHOLD ? 1 : 0);
  }
  if (bits[0] !== SYNC[0] || bits[1] !== SYNC[1]) return null;
  const payload = bits.slice(SYNC.length, SYNC.length + PAYLOAD_BITS);
  if (crc16(payload) !== readBits(bits, SYNC.length + PAYLOAD_BITS, CRC_BITS)) return null;
  return {
    sender: readBits(payload, 0, SENDER_BITS),
    frame: readBits(payload, SENDER_BITS, FRAME_BITS),
    time: readBits(payload, SENDER_BITS + FRAME_BITS, TIME_BITS),
  };
}

/** the shared clock's time as a stamp carries it */
export const stampTime = (epochMs: number): number => Math.floor(epochMs) % TIME_MODULO;

/** ms from a stamp's time to `epochMs`, the modulo undone (negative when the clocks disagree) */
export function sinceStamp(time: number, epochMs: number): number {
  const elapsed = (((epochMs - time) % TIME_MODULO) + TIME_MODULO) % TIME_MODULO;
  return elapsed >= TIME_MODULO / 2 ? elapsed - TIME_MODULO : elapsed;
}
