/**
 * Finishing a run, the same way for `meetbench run`, `meetbench nightly` and `demo`: its end time and
 * status, its judgement (criteria → trial verdicts and scorecards, repeats combined; without criteria,
 * the trials' own verdicts), a capacity search judged by what it found, an interrupted run never judged
 * better than inconclusive, and the run stored. `meetbench score` judges again through the same
 * scoreStoredRun without changing the run's status.
 */
import type { CompiledCriteria } from './criteria/compile-criteria.ts';
import type { CriteriaFile } from './criteria/criteria-schema.ts';
import { combineVerdicts, type RunRecord } from './run-record.ts';
import { scoreStoredRun } from './scorecard/score-stored-run.ts';
import type { Scorecard } from './scorecard/scorecard-types.ts';
import type { ResultsStore } from './store/results-store.ts';
import { capacityVerdict } from './summary/capacity-verdict.ts';

export interface FinishOptions {
  criteria?: CriteriaFile | CompiledCriteria | undefined;
  /** what stopped the run before its last trial: a signal (SIGINT/SIGTERM) or a nightly deadline */
  stoppedBy?: 'signal' | 'deadline' | null;
  /** how many trials were planned, for the reason of a run stopped early */
  planned?: number;
  /** a last word before the run is stored (the nightly history's regressions) */
  amend?: (run: RunRecord) => RunRecord;
}

export interface FinishedRun {
  run: RunRecord;
  scorecards: Scorecard[];
}

export async function finishRun(store: ResultsStore, started: RunRecord, options: FinishOptions = {}): Promise<FinishedRun> {
  const stoppedBy = options.stoppedBy ?? null;
  let run: RunRecord = { ...started, finishedAt: new Date().toISOString(), status: stoppedBy ? 'incomplete' : 'complete' };
  let scorecards: Scorecard[] = [];
  if (options.criteria) {
    const scored = await scoreStoredRun(store, run, options.criteria);
    run = scored.run;
    scorecards = scored.scorecards;
  } else {
    run.verdict = combineVerdicts(run.trials.map((t) => t.verdict));
  }
  // a capacity search ends on a failing step by design: its verdict is whether it found a room size
  if (run.capacity && run.capacity.length > 0) run = { ...run, ...capacityVerdict(run.capacity) };
  const measured = run.trials.length;
  if (run.status === 'incomplete') {
    if (run.verdict !== 'broken') run.verdict = 'inconclusive';
    const planned = options.planned ?? measured;
    run.reason = `stopped by the ${stoppedBy} after ${measured} of ${planned} trial(s); ${planned - measured} not run. ${run.reason ?? ''}`.trim();
  } else if (measured === 0) {
    run.verdict = 'broken';
    run.reason = 'no trial was run';
  }
  if (options.amend) run = options.amend(run);
  await store.saveRun(run);
  return { run, scorecards };
}
