/**
 * Applies a threshold's aggregation to a list of values, as k6 does (percentiles by linear
 * interpolation between the closest ranks, `med` = p(50)), except that no values gives null
 * ("no data") where k6 would give 0 and let `med < 39` pass with zero samples.
 */
import type { Threshold } from './threshold-parser.ts';

export function percentile(sorted: readonly number[], pct: number): number {
  if (sorted.length === 1) return sorted[0] as number;
  const rank = (pct / 100) * (sorted.length - 1);
  const low = sorted[Math.floor(rank)] as number;
  const high = sorted[Math.ceil(rank)] as number;
  return low + (high - low) * (rank - Math.floor(rank));
}

/** median as LHCI uses it across runs: the mean of the two middle values for an even count */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return percentile([...values].sort((a, b) => a - b), 50);
}

export function aggregate(threshold: Pick<Threshold, 'aggregation' | 'percentile'>, values: readonly number[]): number | null {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return null;
  const sorted = [...finite].sort((a, b) => a - b);
  let result: number;
  switch (threshold.aggregation) {
    case 'avg':
    case 'rate':
      // rate: the values are 0/1 outcomes (or shares), so their mean is the share of successes
      result = finite.reduce((sum, v) => sum + v, 0) / finite.length;
      break;
    case 'min':
      result = sorted[0] as number;
      break;
    case 'max':
      result = sorted[sorted.length - 1] as number;
      break;
    case 'med':
      result = percentile(sorted, 50);
      break;
    case 'p':
      result = percentile(sorted, threshold.percentile ?? 50);
      break;
    case 'count':
      result = finite.reduce((sum, v) => sum + v, 0);
      break;
    case 'value':
      result = finite[finite.length - 1] as number;
      break;
  }
  return Number.isFinite(result) ? result : null;
}
