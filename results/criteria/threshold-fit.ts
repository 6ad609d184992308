/**
 * Which aggregations fit which metric, from the metric's kind in the catalogue (results/metrics.ts).
 * k6 refuses a method that does not fit the metric type at start-up (exit 104); we refuse it when the
 * criteria file is loaded, for the same reason: `rate < 0.1` on `jitter_ms` would otherwise judge nonsense.
 */
import { findMetric, METRIC_IDS, type MetricKind } from '../metrics.ts';
import type { Aggregation, Threshold } from './threshold-parser.ts';

const TREND: readonly Aggregation[] = ['avg', 'min', 'max', 'med', 'p'];

export const AGGREGATIONS_BY_KIND: Record<MetricKind, readonly Aggregation[]> = {
  /** one value per participant: the distribution over participants (or over samples with a window) */
  trend: TREND,
  /** a 0/1 outcome per participant: only the share of successes means something */
  rate: ['rate'],
  /** events per participant: the total over participants, or their distribution */
  counter: ['count', ...TREND],
};

/** null when the threshold fits the metric, else the reason it does not */
export function thresholdMisfit(metricId: string, threshold: Threshold): string | null {
  const metric = findMetric(metricId);
  if (!metric) return `unknown metric "${metricId}"; expected one of: ${METRIC_IDS.join(', ')}`;
  const allowed = AGGREGATIONS_BY_KIND[metric.kind];
  if (allowed.includes(threshold.aggregation)) return null;
  const method = threshold.aggregation === 'p' ? 'p(N)' : threshold.aggregation;
  const shown = allowed.map((a) => (a === 'p' ? 'p(N)' : a)).join(', ');
  const why = threshold.aggregation === 'value' ? ' (value is for k6 gauges; meetbench has no gauge metric)' : '';
  return `"${method}" does not fit ${metricId}, a ${metric.kind} metric${why}; use ${shown}`;
}
