/**
 * `meetbench run SCENARIO.yaml`: run every trial, store the run, print the summary, exit with the verdict's
 * code. SIGINT/SIGTERM stop the measurement, close the browsers, remove the namespaces and store the
 * run as incomplete (exit 130); a second signal exits at once (the exit hook still cleans up).
 */
import path from 'node:path';
import type { Command } from 'commander';
import { finishRun } from '../../../results/finish-run.ts';
import { EXIT_CODES } from '../../../results/errors.ts';
import { formatScorecard } from '../../../results/scorecard/format-scorecard.ts';
import { openStore } from '../../../results/store/open-store.ts';
import { interruptible } from '../interruptible.ts';
import { loadCriteriaFile } from '../../../results/criteria/load-criteria.ts';
import { loadScenario } from '../../scenario/load-scenario.ts';
import { runScenario } from '../../runner/run-scenario.ts';
import { planTrials } from '../../runner/trial-list.ts';
import { withoutUnrunnableLabPlatforms } from '../../runner/scenario-lab.ts';
import { HarnessError } from '../../errors.ts';
import { resolveDataDir } from '../data-dir.ts';
import { info, out } from '../output.ts';
import { formatRunSummary } from '../run-summary.ts';
import { scenarioBanner } from '../scenario-banner.ts';
import type { RegisterCommand } from '../register-command.ts';
import { withRunLock } from '../../run-lock/with-run-lock.ts';
import { unmeasuredCriteriaNotes } from '../unmeasured-criteria.ts';

export interface ExecuteRunOptions {
  file: string;
  dataDir: string;
  criteria?: string;
  kind?: 'run' | 'demo' | 'nightly';
  /** run the platforms this machine can, saying why the others were left out (the demo); otherwise the lab refuses the run */
  leaveOutUnrunnable?: boolean;
}

/**
 * Runs a scenario file end to end; returns the exit code. Shared by `run` and `demo`. The files are
 * checked before anything else (bad input is exit 2 even while another run holds the lock), then one
 * run at a time per data dir.
 */
export async function executeRun(options: ExecuteRunOptions): Promise<{ exitCode: number; runId: string; criteriaFile: string | undefined }> {
  let scenario = loadScenario(options.file);
  if (options.leaveOutUnrunnable) {
    const runnable = await withoutUnrunnableLabPlatforms(scenario);
    for (const why of runnable.leftOut) info(`left out, this machine cannot run it: ${why}`);
    if (runnable.scenario.platforms.length === 0)
      throw new HarnessError('LAB_FAILED', `none of the platforms of ${options.file} can run on this machine`, {
        hint: 'node bin/meetbench.js doctor says what is missing',
      });
    scenario = runnable.scenario;
  }
  const criteriaFile = options.criteria ?? (scenario.criteria ? path.resolve(path.dirname(options.file), scenario.criteria) : undefined);
  // loaded once, before the lock: a bad criteria file is exit 2 even while another run holds the lock
  const criteria = criteriaFile ? loadCriteriaFile(criteriaFile) : undefined;
  if (criteria && criteriaFile) for (const note of unmeasuredCriteriaNotes(scenario, criteria, criteriaFile)) info(note);
  return withRunLock(
    options.dataDir,
    `meetbench run ${options.file}`,
    async () => {
      const store = await openStore(options.dataDir);
      return interruptible('the run', async (signal) => {
        info(scenarioBanner(scenario));
        const measured = await runScenario({
          store,
          scenario,
          source: path.basename(options.file),
          kind: options.kind ?? 'run',
          progress: (m) => info(m),
          signal,
          criteria,
        });
        const { run, scorecards } = await finishRun(store, measured, {
          criteria,
          stoppedBy: signal.aborted ? 'signal' : null,
          planned: planTrials(scenario, { inSuite: false }).length,
        });
        out(formatRunSummary(run));
        if (scorecards.length > 0) out(`\n${formatScorecard(scorecards, process.env.MEETBENCH_LANG === 'fr' ? 'fr' : 'en')}`);
        out(`stored in ${store.dataDir} — meetbench report ${run.id} --format json`);
        return { exitCode: signal.aborted ? EXIT_CODES.interrupted : EXIT_CODES[run.verdict], runId: run.id, criteriaFile };
      });
    },
    info,
  );
}

export const registerRun: RegisterCommand = (program: Command, setExit) => {
  program
    .command('run')
    .description('run a scenario: participants join, are measured, the run is stored and judged')
    .argument('<scenario>', 'scenario YAML file')
    .option('--criteria <file>', 'criteria file (default: the one the scenario names)')
    .action(async (file: string, opts: { criteria?: string }) => {
      const { exitCode } = await executeRun({ file, dataDir: resolveDataDir(program.opts().dataDir), ...(opts.criteria ? { criteria: opts.criteria } : {}) });
      setExit(exitCode);
    });
};
