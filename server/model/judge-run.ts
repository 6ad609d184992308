/**
 * The viewer's one door to the project's scorecard engine (results/scorecard/): with a criteria file
 * (`meetbench serve --criteria FILE`) every run is judged again with it, declared criteria included, as
 * `meetbench score` would; without one, the scorecards are rebuilt from the criteria results stored in
 * the run. The viewer never judges anything itself.
 */
import type { RunRecord } from '../../results/run-record.ts';
import { scorecardsFromStored, scoreStoredRun } from '../../results/scorecard/score-stored-run.ts';
import type { ScoreResult } from '../../results/scorecard/scorecard-types.ts';
import type { ResultsStore } from '../../results/store/results-store.ts';
import type { ViewerContext, ViewerCriteria } from '../context.ts';
import type { RunsSnapshot } from './runs-snapshot.ts';
import { buildScorecardView, type ScorecardView } from './scorecard-view.ts';

export function judgeRun(store: ResultsStore, run: RunRecord, criteria: ViewerCriteria | undefined): Promise<ScoreResult> {
  if (!criteria) return Promise.resolve(scorecardsFromStored(run));
  return scoreStoredRun(store, run, criteria.file);
}

export interface Judged {
  result: ScoreResult;
  view: ScorecardView;
}

/** A run judged and laid out once per store version (the snapshot's memo; a failure is not kept). */
export function judged(context: ViewerContext, snapshot: RunsSnapshot, run: RunRecord): Promise<Judged> {
  return snapshot.memo(`judged:${run.id}`, async () => {
    const result = await judgeRun(context.store, run, context.criteria);
    const source = context.criteria ? ({ source: 'file', label: context.criteria.label } as const) : ({ source: 'stored' } as const);
    return { result, view: buildScorecardView(run, result, source) };
  });
}
