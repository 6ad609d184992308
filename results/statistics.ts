/**
 * The one statistics module of meetbench: criteria, the viewer, capacity search, planning, summaries,
 * the run table and the benchmarks all read their percentiles, means and medians here, so that "p95 join
 * time" is the same number wherever it is shown.
 *
 * Percentiles follow k6's definition (the threshold syntax meetbench speaks): linear interpolation
 * between the closest ranks, rank = p/100 × (n − 1); the median is p(50), the mean of the two middle
 * values for an even count. No values give null ("no data"), never 0 or NaN.
 * simple-statistics gives the sum and mean; its `quantile` is a different definition (nearest rank, with
 * a mean at exact ranks), which is why it is not used for percentiles anywhere.
 */
import { mean as simpleMean, sum as simpleSum } from 'simple-statistics';

/** the finite numbers of a list: null, undefined, NaN and ±Infinity are not measurements */
export function finiteValues(values: Iterable<unknown>): number[] {
  const out: number[] = [];
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  return out;
}

/** k6's percentile of values already sorted ascending; `pct` in 0–100; the list must not be empty */
export function percentileOfSorted(sorted: readonly number[], pct: number): number {
  if (sorted.length === 1) return sorted[0] as number;
  const rank = (pct / 100) * (sorted.length - 1);
  const low = sorted[Math.floor(rank)] as number;
  const high = sorted[Math.ceil(rank)] as number;
  return low + (high - low) * (rank - Math.floor(rank));
}

/** k6's percentile of the finite values, `pct` in 0–100; null without values */
export function percentile(values: Iterable<unknown>, pct: number): number | null {
  const sorted = finiteValues(values).sort((a, b) => a - b);
  return sorted.length === 0 ? null : percentileOfSorted(sorted, pct);
}

export function median(values: Iterable<unknown>): number | null {
  return percentile(values, 50);
}

export function mean(values: Iterable<unknown>): number | null {
  const finite = finiteValues(values);
  return finite.length === 0 ? null : simpleMean(finite);
}

export function sum(values: Iterable<unknown>): number {
  return simpleSum(finiteValues(values));
}

export function minimum(values: Iterable<unknown>): number | null {
  const finite = finiteValues(values);
  return finite.length === 0 ? null : Math.min(...finite);
}

export function maximum(values: Iterable<unknown>): number | null {
  const finite = finiteValues(values);
  return finite.length === 0 ? null : Math.max(...finite);
}

/** rounded to one decimal, the precision of every stored rate and percentage */
export const roundTenth = (v: number): number => Math.round(v * 10) / 10;

export interface SummaryStats {
  avg: number | null;
  p95: number | null;
}

/** the average and p95 a participant's rate is summarised by in the run record, to one decimal */
export function summarize(values: Iterable<unknown>): SummaryStats {
  const finite = finiteValues(values);
  if (finite.length === 0) return { avg: null, p95: null };
  return { avg: roundTenth(simpleMean(finite)), p95: roundTenth(percentile(finite, 95) as number) };
}
