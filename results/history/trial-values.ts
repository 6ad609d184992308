/**
 * One number per trial and metric: the median over its participants (participants of a trial are peers,
 * the median keeps one slow browser from speaking for the room). History and regressions work on these
 * per-trial values, so the repeats of a night are N independent observations of the platform.
 */
import { participantValue } from '../criteria/participant-values.ts';
import type { RunRecord, Trial } from '../run-record.ts';
import { median } from '../statistics.ts';

/** trials measured on a runner that could be trusted: broken and inconclusive trials say nothing about the platform */
export function isComparable(trial: Trial): boolean {
  return trial.verdict === 'passed' || trial.verdict === 'failed';
}

export function trialValue(trial: Trial, metric: string): number | null {
  const values = trial.participants.map((p) => participantValue(p, metric)).filter((v): v is number => v !== null);
  return values.length > 0 ? median(values) : null;
}

/** what is compared with what: the same platform, scenario, network profile and metric */
export interface SeriesKey {
  platform: string;
  scenario: string;
  network: string;
  metric: string;
}

export const keyOf = (k: SeriesKey): string => JSON.stringify([k.platform, k.scenario, k.network, k.metric]);

export interface SeriesValue {
  runId: string;
  trialId: string;
  repeat: number;
  value: number;
}

/** every comparable trial value of the given runs, grouped by series */
export function collectSeries(runs: readonly RunRecord[], metrics: readonly string[]): Map<string, { key: SeriesKey; values: SeriesValue[] }> {
  const series = new Map<string, { key: SeriesKey; values: SeriesValue[] }>();
  for (const run of runs) {
    for (const trial of run.trials.filter(isComparable)) {
      for (const metric of metrics) {
        const value = trialValue(trial, metric);
        if (value === null) continue;
        const key: SeriesKey = { platform: trial.platform, scenario: trial.scenario, network: trial.network, metric };
        const id = keyOf(key);
        const entry = series.get(id) ?? { key, values: [] };
        entry.values.push({ runId: run.id, trialId: trial.id, repeat: trial.repeat, value });
        series.set(id, entry);
      }
    }
  }
  return series;
}
