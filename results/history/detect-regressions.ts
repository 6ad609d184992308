/**
 * Tonight against the previous nights of the same suite, per platform × scenario × network × metric.
 * A regression is reported only when both hold:
 *  - statistically supported over the repeats: one-sided Mann-Whitney U of tonight's trial values against
 *    the previous nights' trial values, p < significance;
 *  - large enough to matter: the median moved by at least minEffectPct in the worse direction.
 * The first alone flags tiny but consistent shifts; the second alone flags noise on 3 repeats. Every
 * comparison keeps its numbers (medians, n, U, p, effect), so a reader can check why it was or was not flagged.
 */
import type { RunRecord } from '../run-record.ts';
import type { HistoryOptions } from './history-options.ts';
import { mannWhitneyGreater } from './mann-whitney.ts';
import { worseWhen, type WorseWhen } from './metric-direction.ts';
import { collectSeries, keyOf, type SeriesKey } from './trial-values.ts';
import { median } from '../statistics.ts';

export interface Comparison extends SeriesKey {
  worseWhen: WorseWhen;
  tonight: { n: number; median: number; values: number[] };
  baseline: { n: number; nights: number; median: number };
  /** relative change of the median, percent (positive = higher tonight); null when the baseline median is 0 */
  changePct: number | null;
  /** Mann-Whitney U of tonight's values in the worse direction, its one-sided p and rank-biserial effect */
  u: number;
  p: number;
  effect: number;
  method: 'exact' | 'normal';
  regression: boolean;
  /** why it is or is not a regression, in plain words */
  reason: string;
}

export interface HistoryReport {
  /** previous runs compared with, newest first */
  baselineRuns: string[];
  comparisons: Comparison[];
  regressions: Comparison[];
  /** series of tonight with too little history to judge */
  skipped: { key: SeriesKey; reason: string }[];
}

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;

export function detectRegressions(tonight: RunRecord, previous: readonly RunRecord[], options: HistoryOptions): HistoryReport {
  const baselineRuns = [...previous].sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, options.nights);
  const now = collectSeries([tonight], options.metrics);
  const before = collectSeries(baselineRuns, options.metrics);
  const report: HistoryReport = { baselineRuns: baselineRuns.map((r) => r.id), comparisons: [], regressions: [], skipped: [] };

  for (const { key, values } of now.values()) {
    const base = before.get(keyOf(key))?.values ?? [];
    if (base.length < options.minBaselineValues) {
      report.skipped.push({ key, reason: `${base.length} value(s) in the previous nights, ${options.minBaselineValues} needed` });
      continue;
    }
    const comparison = compare(
      key,
      values.map((v) => v.value),
      base.map((v) => v.value),
      new Set(base.map((v) => v.runId)).size,
      options,
    );
    report.comparisons.push(comparison);
    if (comparison.regression) report.regressions.push(comparison);
  }
  return report;
}

function compare(key: SeriesKey, tonight: number[], baseline: number[], nights: number, options: HistoryOptions): Comparison {
  const direction = worseWhen(key.metric);
  // the test asks "is tonight worse?": for lower-is-worse metrics, negate so "worse" is always "greater"
  const sign = direction === 'higher' ? 1 : -1;
  const test = mannWhitneyGreater(
    tonight.map((v) => sign * v),
    baseline.map((v) => sign * v),
  );
  // both lists hold values: a series is compared only when tonight and the baseline have some
  const medianTonight = median(tonight) as number;
  const medianBaseline = median(baseline) as number;
  // from a median of 0 (e.g. no freeze on most nights) any move is infinitely many percent: say so as null
  const changePct = medianBaseline === 0 ? (medianTonight === 0 ? 0 : null) : ((medianTonight - medianBaseline) / Math.abs(medianBaseline)) * 100;
  const worsePct = changePct === null ? sign * (medianTonight - medianBaseline) * Infinity : sign * changePct;
  const significant = test.p < options.significance;
  const large = worsePct >= options.minEffectPct;
  const regression = significant && large;
  const reason = regression
    ? `${direction === 'higher' ? 'up' : 'down'} ${changePct === null ? 'from 0' : `${round(Math.abs(changePct), 1)} %`} (median ${round(medianTonight, 2)} vs ${round(medianBaseline, 2)}), p = ${round(test.p, 4)} < ${options.significance}`
    : !significant
      ? `not significant: p = ${round(test.p, 4)} ≥ ${options.significance}`
      : `significant but small: ${round(worsePct, 1)} % worse, below ${options.minEffectPct} %`;
  return {
    ...key,
    worseWhen: direction,
    tonight: { n: tonight.length, median: medianTonight, values: tonight },
    baseline: { n: baseline.length, nights, median: medianBaseline },
    changePct: changePct === null ? null : round(changePct, 2),
    u: test.u,
    p: test.p,
    effect: round(test.effect, 3),
    method: test.method,
    regression,
    reason,
  };
}
