/**
 * A night: every scenario of the suite in order, into ONE run record (kind `nightly`), so the scorecard,
 * the history and the viewer see the night as a whole. Reuses the scenario runner (runScenario with
 * `into`), which already isolates failures per trial; a scenario that fails as a whole (its lab does not
 * come up) gets broken trials with the reason and the night goes on with the next one.
 *
 * The deadline and signals abort one controller: the trial in progress stops measuring and cleans up,
 * the remaining trials are not started, and the run is marked `incomplete` with what was not run.
 */
import path from 'node:path';
import type { CriteriaFile } from '../../results/criteria/criteria-schema.ts';
import type { RunRecord, Trial } from '../../results/run-record.ts';
import type { ResultsStore } from '../../results/store/results-store.ts';
import { brokenTrial } from '../../results/summary/broken-trial.ts';
import { newRunRecord, runScenario } from '../runner/run-scenario.ts';
import { planTrials } from '../runner/trial-list.ts';
import type { LoadedSuite } from '../scenario/load-suite.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';

export interface SuiteRunOptions {
  loaded: LoadedSuite;
  store: ResultsStore;
  /** SIGINT/SIGTERM */
  signal: AbortSignal;
  deadline: Date | null;
  progress: (message: string) => void;
  /** the night's criteria, loaded once: capacity searches stop at a step that fails them */
  criteria?: CriteriaFile | undefined;
}

export interface SuiteRunResult {
  /** the run, trials stored, status still to be decided by the caller after judging */
  run: RunRecord;
  stoppedBy: 'deadline' | 'signal' | null;
  planned: number;
}

export const plannedTrials = (scenario: Scenario): number => planTrials(scenario, { inSuite: true }).length;

export async function runSuite(options: SuiteRunOptions): Promise<SuiteRunResult> {
  const { loaded, store, progress } = options;
  const deadlineController = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  if (options.deadline) {
    const ms = Math.max(0, options.deadline.getTime() - Date.now());
    // setTimeout cannot wait more than 2^31-1 ms (24.8 days); no night is that long
    timer = setTimeout(
      () => {
        progress(`deadline ${options.deadline!.toISOString()} reached: stopping the night cleanly`);
        deadlineController.abort();
      },
      Math.min(ms, 2 ** 31 - 1),
    );
  }
  const signal = AbortSignal.any([options.signal, deadlineController.signal]);

  const run: RunRecord = newRunRecord('nightly', path.basename(loaded.file));
  await store.saveRun(run);
  const planned = loaded.scenarios.reduce((sum, s) => sum + plannedTrials(s.scenario), 0);
  progress(
    `meetbench nightly ${loaded.suite.name}: run ${run.id}, ${loaded.scenarios.length} scenario(s), ${planned} trial(s)${options.deadline ? `, deadline ${options.deadline.toISOString()}` : ''}`,
  );

  try {
    for (const [index, { file, scenario }] of loaded.scenarios.entries()) {
      if (signal.aborted) break;
      progress(`scenario ${index + 1}/${loaded.scenarios.length}: ${scenario.name} (${plannedTrials(scenario)} trials)`);
      const before = run.trials.length;
      try {
        await runScenario({ store, scenario, source: path.basename(file), kind: 'nightly', progress, signal, into: run, criteria: options.criteria });
      } catch (error) {
        // the scenario failed as a whole (lab, browser missing): its trials not measured are broken, the night goes on
        const reason = error instanceof Error ? error.message : String(error);
        progress(`  scenario ${scenario.name} broken: ${reason}`);
        run.trials.push(...missingTrials(scenario, run.trials.slice(before), reason));
        run.status = 'running';
        run.reason = null;
        await store.saveRun(run);
      }
    }
  } finally {
    clearTimeout(timer);
  }
  const stoppedBy = deadlineController.signal.aborted ? 'deadline' : options.signal.aborted ? 'signal' : null;
  return { run, stoppedBy, planned };
}

/** a broken trial for each planned trial of `scenario` that has no record yet */
function missingTrials(scenario: Scenario, done: Trial[], reason: string): Trial[] {
  return planTrials(scenario, { inSuite: true })
    .filter((planned) => !done.some((t) => t.platform === planned.platform && t.network === planned.network && t.repeat === planned.repeat))
    .map((planned) => brokenTrial(planned, `the scenario could not run: ${reason}`));
}
