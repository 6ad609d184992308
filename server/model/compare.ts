/**
 * Side-by-side comparison: two platforms over their recent nights (one value per trial, i.e. per repeat),
 * or two runs (per platform present in both, one value per participant and repeat). Each key metric
 * gets both medians, the relative difference, and a Mann-Whitney U p-value.
 */
import type { RunRecord, Trial } from '../../results/run-record.ts';
import { mannWhitneyTwoSided } from '../../results/history/mann-whitney.ts';
import { median } from '../../results/statistics.ts';
import { KEY_METRICS, participantValues, trialValue } from './trial-values.ts';

export interface CompareRow {
  group: string;
  metric: string;
  better: 'lower' | 'higher';
  a: { median: number | null; n: number };
  b: { median: number | null; n: number };
  /** (b - a) / a, in percent; null when a is 0 or missing */
  diffPct: number | null;
  p: number | null;
  significant: boolean | null;
}

export interface CompareView {
  mode: 'platforms' | 'runs';
  a: string;
  b: string;
  network: string;
  nights: number;
  rows: CompareRow[];
}

const usable = (t: Trial): boolean => t.verdict !== 'broken' && !t.runner.saturated;
const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 100) / 100);

function row(group: string, metric: string, better: 'lower' | 'higher', a: number[], b: number[]): CompareRow {
  const ma = median(a);
  const mb = median(b);
  // below 3 values a side no difference can reach significance: no p rather than a meaningless one
  const test = a.length >= 3 && b.length >= 3 ? mannWhitneyTwoSided(a, b) : undefined;
  return {
    group,
    metric,
    better,
    a: { median: round(ma), n: a.length },
    b: { median: round(mb), n: b.length },
    diffPct: ma !== null && mb !== null && ma !== 0 ? Math.round(((mb - ma) / Math.abs(ma)) * 1000) / 10 : null,
    p: test ? Math.round(test.p * 10000) / 10000 : null,
    significant: test ? test.p < 0.05 : null,
  };
}

export function comparePlatforms(runs: RunRecord[], a: string, b: string, network: string, nights = 14): CompareView {
  const recent = runs.filter((r) => r.trials.some((t) => t.network === network && (t.platform === a || t.platform === b))).slice(-nights);
  const trialsOf = (platform: string): Trial[] => recent.flatMap((r) => r.trials.filter((t) => t.platform === platform && t.network === network && usable(t)));
  const ta = trialsOf(a);
  const tb = trialsOf(b);
  const rows = KEY_METRICS.map((key) => {
    const values = (trials: Trial[]): number[] => trials.map((t) => trialValue(t, key)).filter((v): v is number => v !== null);
    return row('', key.metric, key.better, values(ta), values(tb));
  });
  return { mode: 'platforms', a, b, network, nights: recent.length, rows };
}

export function compareRuns(runA: RunRecord, runB: RunRecord): CompareView {
  const platforms = [...new Set(runA.trials.map((t) => t.platform))].filter((p) => runB.trials.some((t) => t.platform === p));
  const rows: CompareRow[] = [];
  for (const platform of platforms) {
    for (const key of KEY_METRICS) {
      const values = (run: RunRecord): number[] =>
        run.trials.filter((t) => t.platform === platform && usable(t)).flatMap((t) => participantValues(t, key.metric));
      rows.push(row(platform, key.metric, key.better, values(runA), values(runB)));
    }
  }
  return { mode: 'runs', a: runA.id, b: runB.id, network: '', nights: 2, rows };
}
