import { describe, expect, it } from 'vitest';
import { judgeRunner } from '../../../../results/summary/runner-health.ts';

describe('runner saturation', () => {
  it('is saturated above the average limit, with the figure in the reason', () => {
    const h = judgeRunner({ readings: [90, 92, 95], cores: 2, loadAvg: 1 }, 85);
    expect(h.saturated).toBe(true);
    expect(h.reason).toMatch(/averaged 92\.3 % of 2 cores \(limit 85 %\)/);
  });

  it('is saturated when pegged for a third of the window even if the average is fine', () => {
    expect(judgeRunner({ readings: [98, 99, 98, 10, 10, 10, 10, 10], cores: 2, loadAvg: 1 }, 85).saturated).toBe(true);
  });

  it('is trustworthy under the limit', () => {
    const h = judgeRunner({ readings: [40, 55, 60], cores: 2, loadAvg: 1 }, 85);
    expect(h).toMatchObject({ saturated: false, reason: null, cpuPct: { avg: 51.7, max: 60 } });
  });

  it('is saturated when one thread serving several participants is busy 90 % of a core, though the machine is not', () => {
    const hot = judgeRunner({ readings: [60, 62, 61], cores: 2, loadAvg: 1, busiest: { thread: 'renderer WebRTC_W_and_N', pctOfCore: 93.5 } }, 85);
    expect(hot.saturated).toBe(true);
    expect(hot.reason).toBe(
      "one thread of the participants' browsers (renderer WebRTC_W_and_N) was busy 93.5 % of a core (limit 90 %): the participants it serves waited on each other",
    );
    const warm = judgeRunner({ readings: [60, 62, 61], cores: 2, loadAvg: 1, busiest: { thread: 'renderer WebRTC_W_and_N', pctOfCore: 40 } }, 85);
    expect(warm).toMatchObject({ saturated: false, reason: null, busiestThread: { thread: 'renderer WebRTC_W_and_N', pctOfCore: 40 } });
  });
});
