import { describe, expect, it } from 'vitest';
import { detectRegressions } from '../../../../results/history/detect-regressions.ts';
import { DEFAULT_HISTORY, type HistoryOptions } from '../../../../results/history/history-options.ts';
import type { RunRecord } from '../../../../results/run-record.ts';
import { Prandom } from '../../../../results/seed/prandom.ts';
import { makeParticipant, makeRun, makeTrial } from '../../../helpers/run-factory.ts';

const OPTIONS: HistoryOptions = { ...DEFAULT_HISTORY, metrics: ['join_time_ms', 'downlink_kbps'] };

/**
 * A night of two platforms × 3 repeats × 2 participants, join time ~ N(1500 ms, 12 %) and downlink
 * ~ N(900 kbit/s, 6 %), the join times of `slowPlatform` multiplied by `slowdown`.
 */
function night(rng: Prandom, day: number, slowdown = 1, slowPlatform = 'janus-a'): RunRecord {
  const trials = ['janus-a', 'janus-b'].flatMap((platform) =>
    [1, 2, 3].map((repeat) =>
      makeTrial({
        id: `${platform}-lan-r${repeat}`,
        platform,
        repeat,
        participants: ['p1', 'p2'].map((name) => {
          const join = rng.normal(1500, 180, 300) * (platform === slowPlatform ? slowdown : 1);
          const down = rng.normal(900, 54, 50);
          return makeParticipant({ name, joinTimeMs: join, metrics: { join_time_ms: join, downlink_kbps: down } });
        }),
      }),
    ),
  );
  const startedAt = new Date(Date.UTC(2026, 10, 1 + day, 2)).toISOString();
  return makeRun({ id: `night-${day}`, kind: 'nightly', source: 'nightly.yaml', startedAt, trials });
}

function seeded(seed: number, slowdown: number): { tonight: RunRecord; previous: RunRecord[] } {
  const rng = new Prandom(seed);
  const previous = Array.from({ length: 14 }, (_, day) => night(rng, day));
  return { tonight: night(rng, 14, slowdown), previous };
}

describe('detectRegressions', () => {
  it('flags a 30 % join-time slowdown, with the numbers behind it, and only there', () => {
    const { tonight, previous } = seeded(2026, 1.3);
    const report = detectRegressions(tonight, previous, OPTIONS);
    expect(report.baselineRuns).toHaveLength(14);
    expect(report.comparisons).toHaveLength(4);
    expect(report.regressions.map((r) => `${r.platform} ${r.metric}`)).toEqual(['janus-a join_time_ms']);
    const r = report.regressions[0]!;
    expect(r.tonight.n).toBe(3);
    expect(r.baseline).toMatchObject({ n: 42, nights: 14 });
    expect(r.changePct).toBeGreaterThanOrEqual(OPTIONS.minEffectPct);
    expect(r.p).toBeLessThan(OPTIONS.significance);
    expect(r.effect).toBeGreaterThan(0.5);
    expect(r.reason).toMatch(/^up \d+(\.\d)? % \(median \d+/);
  });

  it('does not flag the same history with noise only', () => {
    const { tonight, previous } = seeded(2026, 1);
    const report = detectRegressions(tonight, previous, OPTIONS);
    expect(report.comparisons).toHaveLength(4);
    expect(report.regressions).toEqual([]);
  });

  it('over 200 seeded histories: noise is flagged rarely (below the significance level), the slowdown almost always', () => {
    let falseAlarms = 0;
    let detected = 0;
    for (let seed = 1; seed <= 200; seed += 1) {
      const noise = detectRegressions(seeded(seed, 1).tonight, seeded(seed, 1).previous, { ...OPTIONS, metrics: ['join_time_ms'] });
      if (noise.regressions.some((r) => r.platform === 'janus-a')) falseAlarms += 1;
      const slow = seeded(seed, 1.3);
      if (detectRegressions(slow.tonight, slow.previous, { ...OPTIONS, metrics: ['join_time_ms'] }).regressions.some((r) => r.platform === 'janus-a'))
        detected += 1;
    }
    expect(falseAlarms / 200).toBeLessThan(OPTIONS.significance);
    expect(detected / 200).toBeGreaterThan(0.95);
  });

  it('a drop is the worse direction for bitrates: a 30 % lower downlink is flagged, a 30 % higher one is not', () => {
    const { tonight, previous } = seeded(5, 1);
    const scale = (run: RunRecord, factor: number): RunRecord => ({
      ...run,
      trials: run.trials.map((t) => ({
        ...t,
        participants: t.participants.map((p) => ({ ...p, metrics: { ...p.metrics, downlink_kbps: (p.metrics.downlink_kbps ?? 0) * factor } })),
      })),
    });
    const lower = detectRegressions(scale(tonight, 0.7), previous, OPTIONS);
    expect(lower.regressions.map((r) => r.metric)).toEqual(['downlink_kbps', 'downlink_kbps']);
    expect(lower.regressions[0]!.worseWhen).toBe('lower');
    expect(detectRegressions(scale(tonight, 1.3), previous, OPTIONS).regressions).toEqual([]);
  });

  it('a significant but small change is not a regression: the minimum effect size is honoured', () => {
    const { tonight, previous } = seeded(2026, 1.3);
    const strict = detectRegressions(tonight, previous, { ...OPTIONS, minEffectPct: 50 });
    expect(strict.regressions).toEqual([]);
    const c = strict.comparisons.find((x) => x.platform === 'janus-a' && x.metric === 'join_time_ms')!;
    expect(c.p).toBeLessThan(0.05);
    expect(c.reason).toMatch(/significant but small/);
  });

  it('skips series without enough history, and ignores broken and inconclusive trials', () => {
    const { tonight, previous } = seeded(3, 1.3);
    const report = detectRegressions(tonight, previous.slice(0, 1), OPTIONS);
    expect(report.comparisons).toEqual([]);
    expect(report.skipped[0]!.reason).toBe('3 value(s) in the previous nights, 6 needed');
    const broken = previous.map((run) => ({ ...run, trials: run.trials.map((t) => ({ ...t, verdict: 'broken' as const })) }));
    expect(detectRegressions(tonight, broken, OPTIONS).comparisons).toEqual([]);
  });

  it('compares with the most recent `nights` runs only', () => {
    const { tonight, previous } = seeded(4, 1);
    expect(detectRegressions(tonight, previous, { ...OPTIONS, nights: 3 }).baselineRuns).toEqual(['night-13', 'night-12', 'night-11']);
  });
});
