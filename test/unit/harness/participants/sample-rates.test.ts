import { describe, expect, it } from 'vitest';
import { sampleFromSnapshots } from '../../../../harness/participants/sample-rates.ts';
import type { CollectorSnapshot, PcCounters } from '../../../../harness/participants/snapshot.ts';
import { zeroCounters } from '../../../../harness/page-scripts/collector-types.ts';

const counters = (over: Partial<PcCounters> = {}): PcCounters => ({ ...zeroCounters(), ...over });

const snap = (at: number, pcs: Array<[id: number, c: PcCounters, closed?: boolean]>): CollectorSnapshot => ({
  at,
  pcs: pcs.map(([id, c, closed]) => ({ id, connected: !closed, closed: Boolean(closed), counters: c })),
});

describe('per-second samples from two collector snapshots', () => {
  it('turns byte counters into kbit/s over the real interval between the snapshots', () => {
    const a = snap(1000, [[1, counters({ bytesSent: 10_000, bytesReceived: 0 })]]);
    const b = snap(3000, [[1, counters({ bytesSent: 60_000, bytesReceived: 25_000 })]]);
    const s = sampleFromSnapshots('p1', 2, a, b);
    expect(s.uplinkKbps).toBe(200); // 50 000 bytes × 8 / 2 s
    expect(s.downlinkKbps).toBe(100);
  });

  it('counts a peer connection that appeared in between from zero, and never goes negative when one closes', () => {
    const a = snap(0, [[1, counters({ bytesSent: 100_000 })]]);
    const b = snap(1000, [
      [1, counters({ bytesSent: 100_000 }), true],
      [2, counters({ bytesSent: 12_500 })],
    ]);
    const s = sampleFromSnapshots('p1', 1, a, b);
    expect(s.uplinkKbps).toBe(100);
  });

  it('computes loss over packets expected, and fps per remote video stream', () => {
    const a = snap(0, [[1, counters({ packetsReceived: 1000, packetsLost: 0, framesDecoded: 0, videoInbound: 2 })]]);
    const b = snap(1000, [[1, counters({ packetsReceived: 1095, packetsLost: 5, framesDecoded: 30, videoInbound: 2, frameHeight: 180 })]]);
    const s = sampleFromSnapshots('p1', 1, a, b);
    expect(s.packetLossPct).toBe(5);
    expect(s.fpsReceived).toBe(15);
    expect(s.frameHeightReceived).toBe(180);
  });

  it('gives null, not NaN, when nothing was received', () => {
    const s = sampleFromSnapshots('p1', 1, snap(0, []), snap(1000, []));
    expect(s.packetLossPct).toBeNull();
    expect(s.jitterMs).toBeNull();
    expect(s.fpsReceived).toBeNull();
    expect(Object.values(s).some((v) => typeof v === 'number' && !Number.isFinite(v))).toBe(false);
  });
});
