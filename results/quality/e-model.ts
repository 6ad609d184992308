/**
 * The ITU-T G.107 E-model (narrowband, its default parameters: R = 93.2 before delay and codec): a
 * mouth-to-ear delay Ta, the codec's equipment impairment Ie and its robustness to packet loss Bpl give
 * the transmission rating R, and R gives an estimated MOS (1 to 4.5, G.107 Annex B).
 *
 * - Delay: Id = Idd of G.107, 0 up to 100 ms, then 25·[(1+X⁶)^⅙ − 3(1+(X/3)⁶)^⅙ + 2] with X = log2(Ta/100).
 *   The echo terms (Idte, Idle) keep their default-condition values (echo cancelled), as in browsers.
 * - Loss: Ie,eff = Ie + (95 − Ie)·Ppl/(Ppl/BurstR + Bpl), with BurstR = 1 (random loss).
 * - Opus: no ITU-T value for Opus could be verified, so Ie and Bpl come from the only peer-reviewed
 *   derivation found (Alahmadi, Pocta and Melvin, ACM TOMM 17(4):133, 2021), narrowband VBR at 9 kbit/s,
 *   the highest rate of their narrowband set: Ie = 11.7, Bpl = 18.9 for random loss. WebRTC sends Opus at
 *   about 32 kbit/s, so the MOS is a conservative one (a clean call reads about 4.08), fit for comparing
 *   platforms, which all use Opus. Sources are listed in docs/quality.md.
 */
export const R_DEFAULT = 93.2;

export interface CodecImpairment {
  ie: number;
  bpl: number;
}

export const OPUS: CodecImpairment = { ie: 11.7, bpl: 18.9 };

/** the delay impairment Idd of G.107 for a mouth-to-ear delay in ms */
export function delayImpairment(delayMs: number): number {
  if (!(delayMs > 100)) return 0;
  const x = Math.log2(delayMs / 100);
  return 25 * ((1 + x ** 6) ** (1 / 6) - 3 * (1 + (x / 3) ** 6) ** (1 / 6) + 2);
}

/** Ie,eff for random loss of `lossPct` % */
export function effectiveEquipmentImpairment(lossPct: number, codec: CodecImpairment = OPUS): number {
  const ppl = Math.max(0, lossPct);
  return codec.ie + ((95 - codec.ie) * ppl) / (ppl + codec.bpl);
}

export function rFactor(delayMs: number, lossPct: number, codec: CodecImpairment = OPUS): number {
  return R_DEFAULT - delayImpairment(delayMs) - effectiveEquipmentImpairment(lossPct, codec);
}

/** G.107 Annex B */
export function mosFromR(r: number): number {
  if (r < 0) return 1;
  if (r > 100) return 4.5;
  return 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
}

export const mos = (delayMs: number, lossPct: number, codec: CodecImpairment = OPUS): number => mosFromR(rFactor(delayMs, lossPct, codec));
