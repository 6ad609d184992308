/**
 * The key metrics the viewer charts and compares, and how one trial's participants reduce to one value:
 * each participant's value as criteria read it (results/criteria/participant-values.ts), reduced by
 * results/statistics.ts, so the viewer's p95 is the criterion's p(95).
 */
import { participantValue } from '../../results/criteria/participant-values.ts';
import { parseThreshold } from '../../results/criteria/threshold-parser.ts';
import { finiteValues, mean, percentile } from '../../results/statistics.ts';
import type { Trial } from '../../results/run-record.ts';

export interface KeyMetric {
  metric: string;
  /** how the participants of one trial combine */
  aggregate: 'p95' | 'avg';
  /** which way is better, when no threshold says it */
  better: 'lower' | 'higher';
}

export const KEY_METRICS: readonly KeyMetric[] = [
  { metric: 'join_time_ms', aggregate: 'p95', better: 'lower' },
  { metric: 'uplink_kbps', aggregate: 'avg', better: 'higher' },
  { metric: 'downlink_kbps', aggregate: 'avg', better: 'higher' },
  { metric: 'packet_loss_pct', aggregate: 'p95', better: 'lower' },
  { metric: 'rtt_ms', aggregate: 'p95', better: 'lower' },
  { metric: 'fps_received', aggregate: 'avg', better: 'higher' },
];

/** the participants' values of a metric in one trial; a participant that never joined has no join time */
export function participantValues(trial: Trial, metric: string): number[] {
  return finiteValues(trial.participants.map((p) => participantValue(p, metric)));
}

export function trialValue(trial: Trial, key: KeyMetric): number | null {
  const values = participantValues(trial, key.metric);
  // k6's p(95), the same number a criterion `p(95) < …` judges on this trial
  return key.aggregate === 'p95' ? percentile(values, 95) : mean(values);
}

/** The numeric bound of a threshold such as `p(95) < 5000` and which side passes, read by the engine's parser (for chart lines). */
export function thresholdBound(threshold: string): { value: number; better: 'lower' | 'higher' } | undefined {
  let parsed;
  try {
    parsed = parseThreshold(threshold);
  } catch {
    return undefined;
  }
  if (parsed.operator.startsWith('<')) return { value: parsed.value, better: 'lower' };
  if (parsed.operator.startsWith('>')) return { value: parsed.value, better: 'higher' };
  return undefined;
}
