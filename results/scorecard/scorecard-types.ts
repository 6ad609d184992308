/** The scorecard of one platform: what decision-makers read, and what the exports and the viewer show. */
import type { Bilingual, Level, NoDataPolicy } from '../criteria/criteria-schema.ts';
import type { CriterionResult, RunRecord, Verdict } from '../run-record.ts';

export type Lang = 'fr' | 'en';

export interface RepeatValue {
  trialId: string;
  repeat: number;
  value: number | null;
  outcome: CriterionResult['outcome'];
}

/** one criterion on one platform (for measured criteria: one scenario × network group) */
export interface CriterionRow {
  kind: 'measured' | 'declared';
  criterionId: string;
  title: Bilingual;
  explanation?: Bilingual | undefined;
  level: Level;
  /** weight in the score, split evenly over the groups of one measured criterion */
  weight: number;
  outcome: CriterionResult['outcome'];
  /** counts as met in score and gates: true, false, or null when left out (noData: skip, level off) */
  met: boolean | null;
  /** the judged value (measured), 1/0.5/0 (declared), or null */
  value: number | null;
  reason: string | null;
  // measured
  metric?: string | undefined;
  threshold?: string | undefined;
  acrossRepeats?: string | undefined;
  noData?: NoDataPolicy | undefined;
  /** only the share of participants passing is the value: this is the share required */
  participants?: number | undefined;
  scenario?: string | undefined;
  network?: string | undefined;
  repeats?: RepeatValue[] | undefined;
  // declared
  declared?: boolean | 'partial' | null | undefined;
  source?: string | undefined;
  note?: string | undefined;
}

export interface Scorecard {
  platform: string;
  name: string;
  verdict: Verdict;
  /** weighted share of criteria met, 0–100 (one decimal), null when no criterion carries weight */
  score: number | null;
  mustHaves: { total: number; met: number };
  trials: { total: number; broken: number; inconclusive: number };
  rows: CriterionRow[];
  summary: Bilingual;
}

export interface ScoreResult {
  scorecards: Scorecard[];
  /** the run with every trial's criteria filled and the verdicts judged again */
  run: RunRecord;
  verdict: Verdict;
}
