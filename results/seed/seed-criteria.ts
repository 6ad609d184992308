/**
 * The criteria the seeded runs were judged with, and a small evaluator for them, so seeded trials carry
 * `trial.criteria` like real ones. The real criteria engine (results/criteria/) re-scores stored runs;
 * this file only makes the seed self-contained.
 */
import type { CriterionResult, ParticipantResult } from '../run-record.ts';

interface SeedCriterion {
  id: string;
  metric: string;
  threshold: string;
  level: 'error' | 'warn';
  aggregate: (values: number[]) => number | null;
  test: (value: number) => boolean;
}

const avg = (v: number[]): number | null => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : null);
const p95 = (v: number[]): number | null => {
  if (!v.length) return null;
  const sorted = [...v].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? null;
};

export const SEED_CRITERIA: readonly SeedCriterion[] = [
  { id: 'join-time', metric: 'join_time_ms', threshold: 'p(95) < 5000', level: 'error', aggregate: p95, test: (v) => v < 5000 },
  { id: 'join-success', metric: 'join_success', threshold: 'rate >= 0.99', level: 'error', aggregate: avg, test: (v) => v >= 0.99 },
  { id: 'uplink', metric: 'uplink_kbps', threshold: 'avg >= 300', level: 'warn', aggregate: avg, test: (v) => v >= 300 },
  { id: 'downlink', metric: 'downlink_kbps', threshold: 'avg >= 500', level: 'warn', aggregate: avg, test: (v) => v >= 500 },
  { id: 'packet-loss', metric: 'packet_loss_pct', threshold: 'p(95) < 2', level: 'error', aggregate: p95, test: (v) => v < 2 },
  { id: 'rtt', metric: 'rtt_ms', threshold: 'p(95) < 150', level: 'warn', aggregate: p95, test: (v) => v < 150 },
  { id: 'fps', metric: 'fps_received', threshold: 'avg >= 20', level: 'warn', aggregate: avg, test: (v) => v >= 20 },
];

export function evaluateSeedCriteria(participants: ParticipantResult[]): CriterionResult[] {
  return SEED_CRITERIA.map((c) => {
    const values =
      c.metric === 'join_success'
        ? participants.map((p) => (p.joined ? 1 : 0))
        : participants.map((p) => p.metrics[c.metric]).filter((v): v is number => typeof v === 'number');
    const value = c.aggregate(values);
    const outcome = value === null ? 'no-data' : c.test(value) ? 'pass' : 'fail';
    return { id: c.id, metric: c.metric, threshold: c.threshold, level: c.level, value: value === null ? null : Math.round(value * 100) / 100, outcome, values };
  });
}
