/**
 * A platform's key metrics night after night, the criteria thresholds to draw beside them, and the
 * nights that regressed: worse than the median of the previous nights by more than a quarter.
 */
import type { RunRecord } from '../../results/run-record.ts';
import { median } from '../../results/statistics.ts';
import { KEY_METRICS, thresholdBound, trialValue, type KeyMetric } from './trial-values.ts';

export interface Regression {
  metric: string;
  runId: string;
  date: string;
  value: number;
  baseline: number;
}

export interface PlatformTrends {
  platform: string;
  network: string;
  networks: string[];
  runIds: string[];
  /** seconds since the epoch, for the chart x axis */
  times: number[];
  series: Record<string, (number | null)[]>;
  thresholds: Record<string, { value: number; threshold: string } | null>;
  better: Record<string, 'lower' | 'higher'>;
  regressions: Regression[];
}

const WINDOW = 7;
const RATIO = 0.25;

function isRegression(key: KeyMetric, better: 'lower' | 'higher', value: number, baseline: number): boolean {
  // tiny absolute changes of near-zero metrics (0.1 % loss to 0.2 %) are noise, not regressions
  const floor = key.metric === 'packet_loss_pct' ? 0.3 : key.metric === 'rtt_ms' ? 5 : 0;
  if (Math.abs(value - baseline) <= floor) return false;
  return better === 'lower' ? value > baseline * (1 + RATIO) : value < baseline * (1 - RATIO);
}

export function platformNetworks(runs: RunRecord[], platform: string): string[] {
  const set = new Set<string>();
  for (const run of runs) for (const t of run.trials) if (t.platform === platform) set.add(t.network);
  return [...set];
}

export function buildTrends(runs: RunRecord[], platform: string, network: string): PlatformTrends {
  const relevant = runs.filter((r) => r.trials.some((t) => t.platform === platform && t.network === network));
  const result: PlatformTrends = {
    platform,
    network,
    networks: platformNetworks(runs, platform),
    runIds: relevant.map((r) => r.id),
    times: relevant.map((r) => Math.round(Date.parse(r.startedAt) / 1000)),
    series: {},
    thresholds: {},
    better: {},
    regressions: [],
  };
  const latest = relevant.at(-1);
  for (const key of KEY_METRICS) {
    const criterion = latest?.trials.flatMap((t) => t.criteria).find((c) => c.metric === key.metric && c.level !== 'off');
    const bound = criterion ? thresholdBound(criterion.threshold) : undefined;
    result.thresholds[key.metric] = bound && criterion ? { value: bound.value, threshold: criterion.threshold } : null;
    const better = bound?.better ?? key.better;
    result.better[key.metric] = better;
    const values = relevant.map((run) => {
      const perRepeat = run.trials
        .filter((t) => t.platform === platform && t.network === network && t.verdict !== 'broken' && !t.runner.saturated)
        .map((t) => trialValue(t, key))
        .filter((v): v is number => v !== null);
      const value = median(perRepeat);
      return value === null ? null : Math.round(value * 100) / 100;
    });
    result.series[key.metric] = values;
    values.forEach((value, i) => {
      if (value === null) return;
      const previous = values.slice(Math.max(0, i - WINDOW), i).filter((v): v is number => v !== null);
      if (previous.length < 3) return;
      const baseline = median(previous)!;
      // report where a regression starts, not every night it lasts
      const before = values[i - 1];
      const alreadyBad =
        before !== null &&
        before !== undefined &&
        isRegression(key, better, before, median(values.slice(Math.max(0, i - 1 - WINDOW), i - 1).filter((v): v is number => v !== null)) ?? before);
      if (isRegression(key, better, value, baseline) && !alreadyBad) {
        result.regressions.push({
          metric: key.metric,
          runId: relevant[i]!.id,
          date: relevant[i]!.startedAt,
          value,
          baseline: Math.round(baseline * 100) / 100,
        });
      }
    });
  }
  result.regressions.sort((a, b) => b.date.localeCompare(a.date));
  return result;
}
