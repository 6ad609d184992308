/**
 * Bridges the runner and the criteria: loads a criteria file once (so a bad file fails before any browser
 * starts), judges the finished run with the store at hand (window criteria read the per-second samples)
 * and formats the scorecards. `run`, `demo` and `nightly` all judge through here.
 */
import { loadCriteriaFile } from '../../results/criteria/load-criteria.ts';
import type { RunRecord } from '../../results/run-record.ts';
import { formatScorecard } from '../../results/scorecard/format-scorecard.ts';
import { scoreStoredRun } from '../../results/scorecard/score-stored-run.ts';
import type { Lang, Scorecard } from '../../results/scorecard/scorecard-types.ts';
import type { ResultsStore } from '../../results/store/results-store.ts';

export interface Judge {
  file: string;
  judge(run: RunRecord): Promise<RunRecord>;
  /** the scorecards of the last judged run, as text */
  format(lang?: Lang): string;
  scorecards(): Scorecard[];
}

export function loadJudge(criteriaFile: string, store: ResultsStore): Judge {
  const criteria = loadCriteriaFile(criteriaFile);
  let last: Scorecard[] = [];
  return {
    file: criteriaFile,
    async judge(run) {
      const result = await scoreStoredRun(store, run, criteria);
      last = result.scorecards;
      return result.run;
    },
    format: (lang = (process.env.MEETBENCH_LANG as Lang | undefined) ?? 'en') => formatScorecard(last, lang === 'fr' ? 'fr' : 'en'),
    scorecards: () => last,
  };
}
