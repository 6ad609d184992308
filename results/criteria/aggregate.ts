/**
 * Applies a threshold's aggregation to a list of values, as k6 does (percentiles by k6's definition, in
 * results/statistics.ts; `med` = p(50)), except that no values gives null ("no data") where k6 would
 * give 0 and let `med < 39` pass with zero samples.
 */
import { finiteValues, mean, percentileOfSorted, sum } from '../statistics.ts';
import type { Threshold } from './threshold-parser.ts';

export function aggregate(threshold: Pick<Threshold, 'aggregation' | 'percentile'>, values: readonly number[]): number | null {
  const finite = finiteValues(values);
  if (finite.length === 0) return null;
  const sorted = [...finite].sort((a, b) => a - b);
  let result: number;
  switch (threshold.aggregation) {
    case 'avg':
    case 'rate':
      // rate: the values are 0/1 outcomes (or shares), so their mean is the share of successes
      result = mean(finite) as number;
      break;
    case 'min':
      result = sorted[0] as number;
      break;
    case 'max':
      result = sorted[sorted.length - 1] as number;
      break;
    case 'med':
      result = percentileOfSorted(sorted, 50);
      break;
    case 'p':
      result = percentileOfSorted(sorted, threshold.percentile ?? 50);
      break;
    case 'count':
      result = sum(finite);
      break;
    case 'value':
      result = finite[finite.length - 1] as number;
      break;
  }
  return Number.isFinite(result) ? result : null;
}
