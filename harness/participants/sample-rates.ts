/**
 * Turns two cumulative collector snapshots into one per-second sample (rates, loss, fps...).
 * Peer connections are matched by id; one that appeared in between counts from zero, one that closed
 * keeps its last counters, so a reconnect never shows as negative bandwidth.
 */
import type { Sample } from '../../results/run-record.ts';
import type { CollectorSnapshot, PcCounters } from './snapshot.ts';
import { zeroCounters } from '../page-scripts/collector-types.ts';

type Totals = Omit<PcCounters, 'rttMs' | 'frameHeight' | 'qualityLimitation' | 'candidateType'>;

const ZERO: Totals = (({ rttMs: _r, frameHeight: _f, qualityLimitation: _q, candidateType: _c, ...totals }) => totals)(zeroCounters());

function delta(prev: CollectorSnapshot, cur: CollectorSnapshot): Totals {
  const sum: Totals = { ...ZERO };
  for (const pc of cur.pcs) {
    if (!pc.counters) continue;
    const before = prev.pcs.find((p) => p.id === pc.id)?.counters ?? null;
    for (const key of Object.keys(ZERO) as (keyof Totals)[]) {
      const d = pc.counters[key] - (before ? before[key] : 0);
      sum[key] += key === 'jitterSum' || key === 'jitterCount' || key === 'videoInbound' ? pc.counters[key] : Math.max(0, d);
    }
  }
  return sum;
}

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

export function sampleFromSnapshots(participant: string, t: number, prev: CollectorSnapshot, cur: CollectorSnapshot): Sample {
  const seconds = (cur.at - prev.at) / 1000;
  const d = delta(prev, cur);
  const kbps = (bytes: number): number | null => (seconds > 0 ? round((bytes * 8) / 1000 / seconds) : null);
  const expected = d.packetsReceived + d.packetsLost;
  const live = cur.pcs.filter((p) => p.counters && !p.closed).map((p) => p.counters as PcCounters);
  const rtts = live.map((c) => c.rttMs).filter((v): v is number => v !== null);
  const heights = live.map((c) => c.frameHeight).filter((v): v is number => v !== null && v > 0);
  const limitation = live.map((c) => c.qualityLimitation).find((r) => r && r !== 'none') ?? (live.some((c) => c.qualityLimitation === 'none') ? 'none' : null);
  const freezeTotals = live.reduce((acc, c) => ({ count: acc.count + c.freezeCount, s: acc.s + c.freezeDurationS }), { count: 0, s: 0 });
  return {
    t,
    participant,
    uplinkKbps: kbps(d.bytesSent),
    downlinkKbps: kbps(d.bytesReceived),
    audioUplinkKbps: kbps(d.audioBytesSent),
    videoUplinkKbps: kbps(d.videoBytesSent),
    audioDownlinkKbps: kbps(d.audioBytesReceived),
    videoDownlinkKbps: kbps(d.videoBytesReceived),
    packetLossPct: expected > 0 ? round((100 * d.packetsLost) / expected, 2) : null,
    jitterMs: d.jitterCount > 0 ? round(d.jitterSum / d.jitterCount, 2) : null,
    rttMs: rtts.length > 0 ? round(rtts.reduce((a, b) => a + b, 0) / rtts.length, 1) : null,
    fpsSent: seconds > 0 ? round(d.framesEncoded / seconds) : null,
    // fps per remote video stream, so a room of 4 at 15 fps reads 15, not 45
    fpsReceived: seconds > 0 && d.videoInbound > 0 ? round(d.framesDecoded / seconds / d.videoInbound) : null,
    frameHeightReceived: heights.length > 0 ? Math.min(...heights) : null,
    freezeCount: freezeTotals.count,
    freezeDurationMs: round(freezeTotals.s * 1000, 0),
    qualityLimitation: limitation,
    qualityLimitedPct: seconds > 0 ? round(Math.min(100, (100 * d.qualityLimitedS) / seconds), 1) : null,
    audioConcealedPct: d.totalSamplesReceived > 0 ? round((100 * d.concealedSamples) / d.totalSamplesReceived, 2) : null,
    connectedPcs: cur.pcs.filter((p) => p.connected).length,
  } as Sample;
}
