/**
 * Metrics a scenario's own settings turn off, and why, in the words the trial record and the criteria's
 * "no data" reason use: with `runner.playAudio: false` remote audio is not played, so Chromium never
 * decodes it and `audio_concealed_pct` has nothing to count.
 */
import type { Scenario } from './scenario-schema.ts';

export interface UnmeasuredMetric {
  metric: string;
  why: string;
}

export function unmeasuredMetrics(scenario: Scenario): UnmeasuredMetric[] {
  const off: UnmeasuredMetric[] = [];
  if (!scenario.runner.playAudio) off.push({ metric: 'audio_concealed_pct', why: 'remote audio is not played (runner.playAudio: false)' });
  return off;
}
