import { describe, expect, it } from 'vitest';
import { delayImpairment, effectiveEquipmentImpairment, mos, mosFromR, OPUS, rFactor } from '../../../../results/quality/e-model.ts';

describe('the ITU-T G.107 E-model with Opus', () => {
  it('maps R to MOS as Annex B does, within 1 to 4.5', () => {
    expect(mosFromR(-5)).toBe(1);
    expect(mosFromR(0)).toBe(1);
    expect(mosFromR(100)).toBeCloseTo(4.5, 10);
    expect(mosFromR(120)).toBe(4.5);
    // the default connection (R = 93.2) rates 4.41
    expect(mosFromR(93.2)).toBeCloseTo(4.41, 2);
    expect(mosFromR(70)).toBeCloseTo(3.6, 1);
  });

  it("counts no delay impairment up to 100 ms, then G.107's Idd", () => {
    expect(delayImpairment(0)).toBe(0);
    expect(delayImpairment(100)).toBe(0);
    expect(delayImpairment(200)).toBeCloseTo(3.04, 2);
    expect(delayImpairment(400)).toBeCloseTo(24.1, 1);
  });

  it('adds the loss impairment of random loss with Bpl', () => {
    expect(effectiveEquipmentImpairment(0)).toBe(OPUS.ie);
    expect(effectiveEquipmentImpairment(5)).toBeCloseTo(OPUS.ie + ((95 - OPUS.ie) * 5) / (5 + OPUS.bpl), 10);
  });

  it('rates a clean LAN call about 4.08, lower with 5 % loss, lower still past G.114 delays', () => {
    expect(rFactor(50, 0)).toBeCloseTo(93.2 - 11.7, 10);
    expect(mos(50, 0)).toBeCloseTo(4.08, 2);
    const lossy = mos(50, 5);
    expect(lossy).toBeLessThan(mos(50, 0));
    expect(lossy).toBeGreaterThan(3);
    expect(mos(500, 0)).toBeLessThan(mos(150, 0));
  });
});
