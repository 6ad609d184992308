/**
 * Combines the repeats of one platform × scenario × network for one criterion, as Lighthouse CI combines
 * runs: `median` (mean of the two middle values for an even count), `pessimistic` (the value most likely
 * to fail: every repeat must pass, and a repeat without data is a no-data), `optimistic` (the value most
 * likely to pass). Broken trials are left out: they measured nothing that can be judged.
 */
import type { CriterionResult, Trial } from '../run-record.ts';
import { median } from '../statistics.ts';
import type { CompiledMeasured } from './compile-criteria.ts';
import { compare } from './threshold-parser.ts';

export interface RepeatResult {
  trialId: string;
  repeat: number;
  verdict: Trial['verdict'];
  result: CriterionResult;
}

export interface CombinedResult {
  outcome: CriterionResult['outcome'];
  value: number | null;
  /** the value of each usable repeat, in repeat order (missing ones left out) */
  values: number[];
  reason: string | null;
}

/** does a repeat's value pass? (with `participants`, the value is the share of participants passing) */
export function judge(criterion: CompiledMeasured, value: number): boolean {
  if (criterion.participants !== undefined) return value >= criterion.participants;
  return compare(value, criterion.parsed.operator, criterion.parsed.value);
}

/** larger is worse: how far a value leans towards failing */
function badness(criterion: CompiledMeasured, value: number): number {
  if (criterion.participants !== undefined) return -value;
  switch (criterion.parsed.operator) {
    case '<':
    case '<=':
      return value;
    case '>':
    case '>=':
      return -value;
    default:
      return judge(criterion, value) ? 0 : 1;
  }
}

export function combineRepeats(criterion: CompiledMeasured, repeats: readonly RepeatResult[]): CombinedResult {
  const usable = repeats.filter((r) => r.verdict !== 'broken');
  const left = repeats.length - usable.length;
  const notes: string[] = [];
  if (left > 0) notes.push(`${left} broken repeat(s) left out`);
  if (usable.length === 0) return { outcome: 'no-data', value: null, values: [], reason: joinNotes(['no usable repeat', ...notes]) };

  const measured = usable.filter((r) => r.result.value !== null && Number.isFinite(r.result.value));
  const values = measured.map((r) => r.result.value as number);
  const missing = usable.filter((r) => r.result.value === null);
  const errors = missing.filter((r) => r.result.outcome === 'error');
  // with a single repeat, its own reason already says why there is no value
  if (missing.length > 0 && usable.length > 1)
    notes.push(`no value in repeat ${missing.map((r) => r.repeat).join(', ')}${errors[0]?.result.reason ? ` (${errors[0].result.reason})` : ''}`);

  if (values.length === 0) {
    // every usable repeat errored: the criterion could not be judged at all
    const outcome = errors.length === usable.length ? 'error' : 'no-data';
    return { outcome, value: null, values: [], reason: joinNotes([usable[0]?.result.reason ?? 'no data', ...notes]) };
  }
  if (criterion.acrossRepeats === 'pessimistic' && missing.length > 0) {
    return { outcome: errors.length > 0 ? 'error' : 'no-data', value: null, values, reason: joinNotes([...notes, 'pessimistic needs every repeat']) };
  }

  let value: number;
  if (criterion.acrossRepeats === 'median') {
    value = median(values) as number;
  } else {
    const ranked = [...values].sort((a, b) => badness(criterion, a) - badness(criterion, b));
    value = (criterion.acrossRepeats === 'pessimistic' ? ranked[ranked.length - 1] : ranked[0]) as number;
  }
  if (values.length > 1) {
    const failing = values.filter((v) => !judge(criterion, v)).length;
    if (failing > 0 && failing < values.length) notes.push(`repeats disagree: ${failing} of ${values.length} fail, ${criterion.acrossRepeats} taken`);
  }
  const single = measured.length === 1 ? measured[0]?.result.reason : undefined;
  return { outcome: judge(criterion, value) ? 'pass' : 'fail', value, values, reason: joinNotes([...(single ? [single] : []), ...notes]) };
}

const joinNotes = (notes: string[]): string | null => (notes.length > 0 ? notes.join('; ') : null);
