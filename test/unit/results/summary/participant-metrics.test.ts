import { describe, expect, it } from 'vitest';
import { participantMetrics } from '../../../../results/summary/participant-metrics.ts';

describe('per-participant metrics from samples', () => {
  it('averages rates, and takes cumulative counters as their growth inside the window', () => {
    const base = { participant: 'p1', uplinkKbps: 0, downlinkKbps: 0 };
    const m = participantMetrics([
      { ...base, t: 1, uplinkKbps: 100, freezeCount: 3, memoryMb: 200 },
      { ...base, t: 2, uplinkKbps: 300, freezeCount: 5, memoryMb: 250 },
    ]);
    expect(m.uplink_kbps).toBe(200);
    expect(m.freeze_count).toBe(2);
    expect(m.memory_mb).toBe(250);
    expect(m.rtt_ms).toBeNull();
  });
});
