/**
 * One measured criterion judged on one trial: a pure function of the stored record (and, for a
 * criterion with a `window`, the trial's per-second samples). Gives the run-record's criterion result.
 */
import type { CriterionResult, Sample, Trial } from '../run-record.ts';
import { aggregate } from './aggregate.ts';
import type { CompiledMeasured } from './compile-criteria.ts';
import { participantValue, windowValues } from './participant-values.ts';
import { compare, formatThreshold } from './threshold-parser.ts';

export function appliesTo(criterion: CompiledMeasured, trial: Trial): boolean {
  return !criterion.networks || criterion.networks.includes(trial.network);
}

/** `value` is the aggregated number (or, with `participants`, the share of participants passing) */
export function evaluateTrial(criterion: CompiledMeasured, trial: Trial, samples?: readonly Sample[]): CriterionResult {
  const base = {
    id: criterion.id,
    metric: criterion.metric,
    threshold: formatThreshold(criterion.parsed),
    level: criterion.level,
    ...(criterion.noData !== 'fail' ? { noData: criterion.noData } : {}),
  };
  if (criterion.window && !samples) {
    return { ...base, value: null, values: [], outcome: 'error', reason: 'the window needs the per-second samples of this trial, and none were found' };
  }
  const perParticipant = trial.participants.map((p) =>
    criterion.window && samples
      ? windowValues(samples, p.name, criterion.metric, criterion.window)
      : [participantValue(p, criterion.metric)].filter((v): v is number => v !== null),
  );
  const joined = trial.participants.filter((p) => p.joined).length;
  const off = trial.notMeasured?.find((u) => u.metric === criterion.metric);
  // a participant that measured nothing of it may say why (quality metrics: "band unreadable", a fake camera...)
  const why = trial.participants.flatMap((p) => (p.quality?.unmeasured ?? []).filter((u) => u.metric === criterion.metric).map((u) => `${p.name}: ${u.why}`));
  const nobody = off
    ? `${criterion.metric} is not measured in this trial: ${off.why}`
    : `no participant measured ${criterion.metric} (${joined} of ${trial.participants.length} joined)${why.length ? `; ${why.slice(0, 3).join('; ')}` : ''}`;

  if (criterion.participants !== undefined) {
    // each participant judged alone; those without data count as not passing
    const own = perParticipant.map((values) => aggregate(criterion.parsed, values));
    const judged = own.filter((v): v is number => v !== null);
    if (judged.length === 0) return { ...base, value: null, values: [], outcome: 'no-data', reason: nobody };
    const passing = judged.filter((v) => compare(v, criterion.parsed.operator, criterion.parsed.value)).length;
    const share = passing / trial.participants.length;
    const missing = trial.participants.length - judged.length;
    const reason = `${passing} of ${trial.participants.length} participants pass${missing ? ` (${missing} without data)` : ''}; ${pct(criterion.participants)} needed`;
    return { ...base, value: share, values: judged, outcome: share >= criterion.participants ? 'pass' : 'fail', reason };
  }

  // together: one value per participant (its summary, or its mean over the window)
  const values = perParticipant.map((v) => (criterion.window ? aggregate({ aggregation: 'avg' }, v) : (v[0] ?? null))).filter((v): v is number => v !== null);
  const value = aggregate(criterion.parsed, values);
  if (value === null) return { ...base, value: null, values: [], outcome: 'no-data', reason: nobody };
  const passed = compare(value, criterion.parsed.operator, criterion.parsed.value);
  return { ...base, value, values, outcome: passed ? 'pass' : 'fail' };
}

const pct = (share: number): string => `${Math.round(share * 1000) / 10} %`;
