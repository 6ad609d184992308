/**
 * CRC-16/CCITT-FALSE and CRC-8 (polynomial 0x07) over a list of bits, most significant first: the check
 * that lets a receiver refuse a frame stamp or an audio marker that did not survive the codec, instead of
 * reading a wrong number from it. Bitwise: a few dozen bits per frame, no table needed. No imports: it
 * runs in the page, its worker and its audio worklet too.
 */
function crcOfBits(bits: ArrayLike<number>, width: 8 | 16, polynomial: number, initial: number): number {
  const top = 1 << (width - 1);
  const mask = (1 << width) - 1;
  let crc = initial;
  for (let i = 0; i < bits.length; i += 1) {
    const feedback = ((crc & top) !== 0 ? 1 : 0) ^ (bits[i]! & 1);
    crc = (crc << 1) & mask;
    if (feedback) crc ^= polynomial;
  }
  return crc;
}

export const crc16 = (bits: ArrayLike<number>): number => crcOfBits(bits, 16, 0x1021, 0xffff);
export const crc8 = (bits: ArrayLike<number>): number => crcOfBits(bits, 8, 0x07, 0x00);

/** `value` as `count` bits, most significant first, appended to `out` */
export function pushBits(out: number[], value: number, count: number): void {
  for (let i = count - 1; i >= 0; i -= 1) out.push(Math.floor(value / 2 ** i) % 2);
}

/** the unsigned number written by `count` bits from `start` */
export function readBits(bits: ArrayLike<number>, start: number, count: number): number {
  let value = 0;
  for (let i = 0; i < count; i += 1) value = value * 2 + (bits[start + i]! & 1);
  return value;
}
