import { describe, expect, it } from 'vitest';
import { kernelRates } from '../../../../harness/collectors/kernel-counters.ts';

describe('kernel counters', () => {
  it('gives raw rates and rates with the 42 header bytes of every packet removed', () => {
    const r = kernelRates(
      { uplinkBytes: 0, downlinkBytes: 0, uplinkPackets: 0, downlinkPackets: 0, at: 0 },
      { uplinkBytes: 50_000, downlinkBytes: 100_000, uplinkPackets: 100, downlinkPackets: 200, at: 2000 },
    );
    expect(r).toEqual({ up: 200, down: 400, upPayload: 183.2, downPayload: 366.4 });
  });
});
