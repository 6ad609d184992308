/**
 * The key metrics the viewer charts and compares, and how one trial's participants reduce to one value.
 * Real runs fill `participant.metrics`; the fallbacks read the summary fields every record has.
 */
import { parseThreshold } from '../../results/criteria/threshold-parser.ts';
import type { ParticipantResult, Trial } from '../../results/run-record.ts';

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

export function participantValue(p: ParticipantResult, metric: string): number | null {
  const v = p.metrics?.[metric];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (metric === 'join_time_ms') return p.joinTimeMs;
  if (metric === 'uplink_kbps') return p.uplinkKbps.avg;
  if (metric === 'downlink_kbps') return p.downlinkKbps.avg;
  return null;
}

export function participantValues(trial: Trial, metric: string): number[] {
  return trial.participants.map((p) => participantValue(p, metric)).filter((v): v is number => v !== null && Number.isFinite(v));
}

export function p95(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? null;
}

export function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function trialValue(trial: Trial, key: KeyMetric): number | null {
  const values = participantValues(trial, key.metric);
  return key.aggregate === 'p95' ? p95(values) : mean(values);
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
