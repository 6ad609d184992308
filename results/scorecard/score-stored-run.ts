/**
 * Scoring with the store at hand: loads the per-second samples that `window` criteria need (only then,
 * since they are the large part of the data), then scores. And, for reports of a run without its criteria
 * file, scorecards rebuilt from the criteria results stored in the run itself.
 */
import type { RunRecord, Sample } from '../run-record.ts';
import type { ResultsStore } from '../store/results-store.ts';
import { compileCriteria, type CompiledCriteria } from '../criteria/compile-criteria.ts';
import type { CriteriaFile, DeclaredCriterion } from '../criteria/criteria-schema.ts';
import { parseThreshold } from '../criteria/threshold-parser.ts';
import { scoreRun, scoreTrialResults } from './score-run.ts';
import type { ScoreResult } from './scorecard-types.ts';

export async function scoreStoredRun(
  store: ResultsStore,
  run: RunRecord,
  criteria: CriteriaFile | CompiledCriteria,
  declared: DeclaredCriterion[] = [],
): Promise<ScoreResult> {
  const compiled = 'names' in criteria ? criteria : compileCriteria(criteria, declared);
  const samples = new Map<string, Sample[]>();
  if (compiled.measured.some((c) => c.window && c.level !== 'off')) {
    for (const trial of run.trials) {
      if (!trial.samplesFile) continue;
      try {
        samples.set(trial.id, await store.readSamples(run.id, trial.id));
      } catch {
        // a missing samples file leaves the window criteria of that trial as `error`, said in their reason
      }
    }
  }
  return scoreRun(run, compiled, [], { samples: (trialId) => samples.get(trialId) });
}

/**
 * The scorecards as the run was judged when stored: criteria taken from `trial.criteria` (titles are
 * the ids, repeats combined by median, declared criteria unknown), verdicts of the trials kept.
 */
export function scorecardsFromStored(run: RunRecord): ScoreResult {
  const seen = new Map<string, CompiledCriteria['measured'][number]>();
  for (const trial of run.trials) {
    for (const result of trial.criteria) {
      if (seen.has(result.id)) continue;
      let parsed;
      try {
        parsed = parseThreshold(result.threshold);
      } catch {
        continue; // a record from an older, looser meetbench: leave that criterion out rather than guess
      }
      seen.set(result.id, {
        id: result.id,
        metric: result.metric,
        threshold: result.threshold,
        level: result.level,
        acrossRepeats: 'median',
        noData: result.noData ?? 'fail',
        weight: 1,
        parsed,
        title: { fr: result.id, en: result.id },
      });
    }
  }
  return scoreTrialResults(run, { measured: [...seen.values()], declared: [], names: {} });
}
