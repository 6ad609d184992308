/**
 * Numbered audio markers in the generated microphone, and their detection at the receivers. Once a
 * second the tone gives way to a marker: 20 ms of 3 kHz (the sync, whose onset is the instant measured),
 * then 38 bits of 8 ms each, 1 kHz for a 0 and 2 kHz for a 1, phase-continuous so no click smears them:
 * the sender (6 bits), the time the marker was made (16 bits: ms of the shared clock modulo 65536) and a
 * CRC-16. All of it sits well inside Opus's band at any bitrate WebRTC uses. A receiver finds the sync by
 * its 3 kHz energy in each 128-sample block (the AudioWorklet's render quantum), places the onset to the
 * sample by the jump of the signal's slope (3 kHz at 3 times the bed's amplitude has some 500 times its
 * slope energy), and reads each bit from the middle half of its slot (Goertzel at both frequencies), so a
 * few ms of NetEq time-stretching do not move it out of its slot. A marker whose CRC fails is dropped.
 * No imports but crc.ts: it runs in the page and its audio worklet.
 */
import { crc16, pushBits, readBits } from './crc.ts';

export const MARKER_PERIOD_S = 1;
const SYNC_S = 0.02;
const BIT_S = 0.008;
const SYNC_HZ = 3000;
const ZERO_HZ = 1000;
const ONE_HZ = 2000;
const SENDER_BITS = 6;
const TIME_BITS = 16;
const CRC_BITS = 16;
const BITS = SENDER_BITS + TIME_BITS + CRC_BITS;
export const MARKER_S = SYNC_S + BITS * BIT_S;
export const MARKER_TIME_MODULO = 2 ** TIME_BITS;
export const MARKER_AMPLITUDE = 0.3;

export interface MarkerStamp {
  sender: number;
  /** ms of the shared clock modulo 65536 */
  time: number;
}

export function markerBits(stamp: MarkerStamp): number[] {
  const bits: number[] = [];
  pushBits(bits, stamp.sender % 2 ** SENDER_BITS, SENDER_BITS);
  pushBits(bits, stamp.time % MARKER_TIME_MODULO, TIME_BITS);
  pushBits(bits, crc16(bits), CRC_BITS);
  return bits;
}

/** the marker's samples at `rate` */
export function markerWave(stamp: MarkerStamp, rate: number): Float32Array {
  const bits = markerBits(stamp);
  const sync = Math.round(SYNC_S * rate);
  const bit = BIT_S * rate;
  const wave = new Float32Array(Math.round(MARKER_S * rate));
  let phase = 0;
  for (let i = 0; i < wave.length; i += 1) {
    const hz = i < sync ? SYNC_HZ : bits[Math.min(BITS - 1, Math.floor((i - sync) / bit))] ? ONE_HZ : ZERO_HZ;
    phase += (2 * Math.PI * hz) / rate;
    wave[i] = MARKER_AMPLITUDE * Math.sin(phase);
  }
  return wave;
}

/** power of `hz` in samples[from, to) (Goertzel), scaled so that a full-scale tone of that frequency gives about 1 */
function tonePower(samples: Float32Array, from: number, to: number, hz: number, rate: number): number {
  const c = 2 * Math.cos((2 * Math.PI * hz) / rate);
  let s1 = 0;
  let s2 = 0;
  for (let i = from; i < to; i += 1) {
    const s = samples[i]! + c * s1 - s2;
    s2 = s1;
    s1 = s;
  }
  const n = to - from;
  return (4 * (s1 * s1 + s2 * s2 - c * s1 * s2)) / (n * n);
}

export interface MarkerHit extends MarkerStamp {
  /** index of the onset's sample in the stream the detector was fed */
  onset: number;
}

const BLOCK = 128;

export class MarkerDetector {
  private readonly rate: number;
  /** the last second of samples, and the stream index of its first one */
  private readonly buffer: Float32Array;
  private start = 0;
  private length = 0;
  private pending: number | null = null;
  private quietUntil = 0;
  private scanned = 0;
  /** syncs found whose marker could not be read (its CRC failed): time-stretched, concealed or damaged */
  unreadable = 0;

  constructor(rate: number) {
    this.rate = rate;
    this.buffer = new Float32Array(Math.ceil(rate));
  }

  /** feed the next samples of the stream; returns the markers completed by them */
  push(samples: Float32Array): MarkerHit[] {
    this.append(samples);
    const hits: MarkerHit[] = [];
    const end = this.start + this.length;
    // look for a sync in every whole block not looked at yet
    while (this.pending === null && this.scanned + BLOCK <= end) {
      const from = this.scanned;
      this.scanned += BLOCK;
      // samples already dropped from the buffer (a long pause of the caller) cannot be looked at
      if (from < this.start || from < this.quietUntil) continue;
      const a = from - this.start;
      if (tonePower(this.buffer, a, a + BLOCK, SYNC_HZ, this.rate) > (MARKER_AMPLITUDE * MARKER_AMPLITUDE) / 4) this.pending = this.onset(from);
    }
    if (this.pending !== null && this.pending + Math.ceil(MARKER_S * this.rate) <= end) {
      const hit = this.decode(this.pending);
      this.quietUntil = this.pending + Math.ceil(MARKER_S * this.rate);
      this.scanned = Math.max(this.scanned, this.quietUntil);
      this.pending = null;
      if (hit) hits.push(hit);
      else this.unreadable += 1;
    }
    return hits;
  }

  /** `count` samples the caller did not see (a quantum the audio graph skipped) take their place as silence */
  skip(count: number): void {
    if (count <= 0) return;
    const kept = Math.min(count, this.buffer.length);
    this.append(new Float32Array(kept));
    // beyond a buffer's length, only the stream index moves
    this.start += count - kept;
    this.scanned = Math.max(this.scanned, this.start);
  }

  private append(samples: Float32Array): void {
    const capacity = this.buffer.length;
    if (this.length + samples.length > capacity) {
      const drop = this.length + samples.length - capacity;
      this.buffer.copyWithin(0, drop, this.length);
      this.start += drop;
      this.length -= drop;
    }
    this.buffer.set(samples.subarray(Math.max(0, samples.length - capacity)), this.length);
    this.length += Math.min(samples.length, capacity);
  }

  /** the sample where the sync begins: its slope energy jumps above half of the block's */
  private onset(blockStart: number): number {
    const a = Math.max(0, blockStart - BLOCK - this.start);
    const b = blockStart + BLOCK - this.start;
    const slope = (i: number): number => {
      const d = this.buffer[i]! - (this.buffer[i - 1] ?? 0);
      return d * d;
    };
    let blockSlope = 0;
    for (let i = b - BLOCK; i < b; i += 1) blockSlope += slope(i);
    const threshold = blockSlope / BLOCK / 2;
    const window = 8;
    for (let i = a + window; i < b; i += 1) {
      let sum = 0;
      for (let k = i - window; k < i; k += 1) sum += slope(k);
      if (sum / window > threshold) return this.start + i - window;
    }
    return blockStart;
  }

  private decode(onset: number): MarkerHit | null {
    const base = onset - this.start + SYNC_S * this.rate;
    const bit = BIT_S * this.rate;
    const bits: number[] = [];
    for (let k = 0; k < BITS; k += 1) {
      const from = Math.round(base + k * bit + bit / 4);
      const to = Math.round(base + k * bit + (3 * bit) / 4);
      if (from < 0 || to > this.length) return null;
      bits.push(tonePower(this.buffer, from, to, ONE_HZ, this.rate) > tonePower(this.buffer, from, to, ZERO_HZ, this.rate) ? 1 : 0);
    }
    const payload = bits.slice(0, SENDER_BITS + TIME_BITS);
    if (crc16(payload) !== readBits(bits, SENDER_BITS + TIME_BITS, CRC_BITS)) return null;
    return { sender: readBits(payload, 0, SENDER_BITS), time: readBits(payload, SENDER_BITS, TIME_BITS), onset };
  }
}
