import { describe, expect, it } from 'vitest';
import type { PairQualityRecord, Sample } from '../../../../results/run-record.ts';
import { pairSeries } from '../../../../server/model/pair-series.ts';
import { qualityTimeline } from '../../../../server/model/quality-timeline.ts';
import { makeParticipant, makeTrial } from '../../../helpers/run-factory.ts';

const sample = (t: number, participant: string, pairs: Sample['pairs']): Sample => ({ t, participant, uplinkKbps: 1, downlinkKbps: 1, pairs });
const video = (freezes: Array<{ atS: number; durationS: number }>): PairQualityRecord['video'] => ({
  latencyMs: { p50: 80, p95: 90 },
  frames: 300,
  skipped: 0,
  freezeCount: freezes.length,
  freezeRatio: 0,
  freezes,
  psnrDb: 33,
  ssim: 0.95,
  width: 320,
  height: 180,
});
const pair = (sender: string, freezes: Array<{ atS: number; durationS: number }>): PairQualityRecord => ({
  sender,
  video: video(freezes),
  audio: null,
  avSyncMs: null,
  audioLossPct: null,
  mos: null,
  noData: [],
});

describe('the run page: latency per pair over time', () => {
  it('puts every sender → receiver pair on one time axis, with gaps where a second had no value', () => {
    const series = pairSeries([
      sample(1, 'bench2', [{ sender: 'bench1', videoLatencyMs: 80, audioLatencyMs: 100, fps: 15, psnrDb: 33 }]),
      sample(2, 'bench2', [{ sender: 'bench1', videoLatencyMs: 85, audioLatencyMs: null, fps: 15, psnrDb: null }]),
      sample(2, 'bench1', [{ sender: 'bench2', videoLatencyMs: 70, audioLatencyMs: 90, fps: 15, psnrDb: null }]),
      sample(3, 'bench1', []),
    ]);
    expect(series.t).toEqual([1, 2]);
    expect(series.pairs).toEqual([
      { label: 'bench1 → bench2', sender: 'bench1', receiver: 'bench2', videoLatencyMs: [80, 85], audioLatencyMs: [100, null] },
      { label: 'bench2 → bench1', sender: 'bench2', receiver: 'bench1', videoLatencyMs: [null, 70], audioLatencyMs: [null, 90] },
    ]);
  });
});

describe('the run page: freezes beside network events', () => {
  it("draws the cut as a bar on its participant and each pair's freezes on their own rows", () => {
    const trial = makeTrial({
      durationS: 24,
      participants: [
        makeParticipant({ name: 'bench1', quality: { pairs: [pair('bench3', [{ atS: 8.1, durationS: 5.3 }])], mosDelay: null, unmeasured: [] } }),
        makeParticipant({
          name: 'bench3',
          timeline: [
            { at: 8, action: 'cut', durationS: 5 },
            { at: 18, action: 'profile', network: 'thin' },
          ],
          quality: { pairs: [pair('bench1', [])], mosDelay: null, unmeasured: [] },
        }),
      ],
    });
    const timeline = qualityTimeline(trial)!;
    expect(timeline.durationS).toBe(24);
    expect(timeline.rows.map((r) => [r.label, r.kind, r.bars.map((b) => [b.fromS, b.toS]), r.marks.map((m) => m.atS)])).toEqual([
      ['bench3', 'network', [[8, 13]], [18]],
      ['bench3 → bench1', 'pair', [[8.1, 13.4]], []],
      ['bench1 → bench3', 'pair', [], []],
    ]);
  });

  it('has nothing to draw for a trial without quality measurements', () => {
    expect(qualityTimeline(makeTrial({ participants: [makeParticipant()] }))).toBeNull();
  });
});
