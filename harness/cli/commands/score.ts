/**
 * `meetbench score RUN|latest --criteria FILE`: judge a stored run again with (edited) criteria, without
 * re-running any meeting. Prints the scorecards (or JSON) and exits with the verdict's code; `--save`
 * stores the re-judged run in place of the old one.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { loadCriteriaFile } from '../../../results/criteria/load-criteria.ts';
import { type RunRecord } from '../../../results/run-record.ts';
import { EXIT_CODES } from '../../../results/errors.ts';
import { formatScorecard } from '../../../results/scorecard/format-scorecard.ts';
import { scoreStoredRun } from '../../../results/scorecard/score-stored-run.ts';
import type { Lang } from '../../../results/scorecard/scorecard-types.ts';
import { openStore } from '../../../results/store/open-store.ts';
import type { ResultsStore } from '../../../results/store/results-store.ts';
import { HarnessError } from '../../errors.ts';
import { resolveDataDir } from '../data-dir.ts';
import { warnSkippedRuns } from '../skipped-runs.ts';
import { info, out } from '../output.ts';
import type { RegisterCommand } from '../register-command.ts';

export function parseLang(value: string | undefined): Lang {
  const lang = value ?? process.env.MEETBENCH_LANG ?? 'en';
  if (lang !== 'fr' && lang !== 'en') throw new HarnessError('INVALID_FLAG', `--lang ${lang}: expected fr or en`);
  return lang;
}

export async function getStoredRun(store: ResultsStore, id: string): Promise<RunRecord> {
  const run = await store.getRun(id);
  if (run) return run;
  throw new HarnessError('NOT_FOUND', id === 'latest' ? `no run stored in ${store.dataDir}` : `no run "${id}" in ${store.dataDir}`, {
    hint: 'list the stored runs with the viewer (meetbench serve), or pass --data-dir where the runs are',
  });
}

export const registerScore: RegisterCommand = (program: Command, setExit) => {
  program
    .command('score')
    .description('judge a stored run again with a criteria file, without re-running it; exit with the verdict')
    .argument('<run>', 'run id, or latest')
    .requiredOption('--criteria <file>', 'criteria YAML file')
    .option('--lang <lang>', 'fr or en (default en, or MEETBENCH_LANG)')
    .option('--json', 'print {verdict, scorecards} as JSON')
    .option('--save', 'store the re-judged run (criteria results and verdicts) in place of the old one')
    .action(async (id: string, opts: { criteria: string; lang?: string; json?: boolean; save?: boolean }) => {
      const lang = parseLang(opts.lang);
      // the criteria first: a typo in them is found before the store is even opened
      const criteria = loadCriteriaFile(path.resolve(opts.criteria));
      const store = await openStore(resolveDataDir(program.opts().dataDir));
      await warnSkippedRuns(store);
      const run = await getStoredRun(store, id);
      const result = await scoreStoredRun(store, run, criteria);
      if (opts.json) out(JSON.stringify({ runId: run.id, verdict: result.verdict, scorecards: result.scorecards }, null, 2));
      else out(formatScorecard(result.scorecards, lang) + `verdict: ${result.verdict}`);
      if (opts.save) {
        await store.saveRun(result.run);
        info(`run ${run.id} re-judged and saved (was ${run.verdict}, now ${result.verdict})`);
      }
      setExit(EXIT_CODES[result.verdict]);
    });
};
