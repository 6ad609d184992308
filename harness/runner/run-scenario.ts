/**
 * The trials of a scenario (network profile × repeat × platform, trial-list.ts), one after the other,
 * stored as they go (the run stays `running`), so a crash never loses the trials already measured and
 * the viewer can show a run in progress. Finishing the run (judging, status, storing) is the caller's,
 * through results/finish-run.ts, the same for `run` and `nightly`.
 */
import type { CriteriaFile } from '../../results/criteria/criteria-schema.ts';
import type { RunRecord, Trial } from '../../results/run-record.ts';
import { scoreStoredRun } from '../../results/scorecard/score-stored-run.ts';
import type { ResultsStore } from '../../results/store/results-store.ts';
import { brokenTrial, type PlannedTrial } from '../../results/summary/broken-trial.ts';
import { ADAPTERS } from '../adapters/registry.ts';
import { judgeOne, runCapacitySearch } from '../capacity/capacity-search.ts';
import { HarnessError } from '../errors.ts';
import { labTurnServer } from '../lab/index.ts';
import type { LabState } from '../lab/index.ts';
import { checkNetworkPlan, needsShaping } from '../network/participant-networks.ts';
import { shapingFeatures, type ShapingFeatures } from '../network/shaping-features.ts';
import { TrialNetworks } from '../network/trial-networks.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';
import { isRoot } from '../system/require-root.ts';
import { newRunRecord } from './new-run.ts';
import { runTrial } from './run-trial.ts';
import { isLabPlatform, labForScenario, labPlatformInfo, resolveTarget } from './scenario-lab.ts';
import { planTrials } from './trial-list.ts';

export { newRunId, newRunRecord } from './new-run.ts';

export interface RunOptions {
  store: ResultsStore;
  scenario: Scenario;
  source: string;
  kind?: RunRecord['kind'];
  progress: (message: string) => void;
  signal: AbortSignal;
  /** the run's criteria, loaded once by the caller: a capacity search stops at a step that fails them */
  criteria?: CriteriaFile | undefined;
  /** a nightly suite holds all its scenarios in one run: append the trials to this record (ids prefixed by the scenario name) */
  into?: RunRecord;
}

interface Context {
  options: RunOptions;
  run: RunRecord;
  lab: LabState | null;
  features: ShapingFeatures | null;
}

/** runs every trial and returns the run still `running`, unjudged; a failure of the lab is stored and thrown */
export async function runScenario(options: RunOptions): Promise<RunRecord> {
  const { store, scenario, progress, signal } = options;
  // the network plan first: a profile this machine cannot apply is refused before anything starts
  const features = needsShaping(scenario) && isRoot() ? await shapingFeatures() : null;
  for (const line of checkNetworkPlan(scenario, features)) progress(`network plan: ${line}`);
  const run: RunRecord = options.into ?? newRunRecord(options.kind ?? 'run', options.source);
  await store.saveRun(run);
  try {
    const context: Context = { options, run, lab: await labForScenario(scenario, store.dataDir, progress), features };
    for (const planned of planTrials(scenario, { inSuite: options.into !== undefined })) {
      if (signal.aborted) break;
      // capacity mode: one search of growing rooms per platform and network (repeats do not apply)
      if (scenario.capacity && planned.repeat > 1) continue;
      progress(`trial ${planned.id}`);
      await runPlanned(context, planned);
    }
  } catch (error) {
    run.reason = error instanceof Error ? error.message : String(error);
    run.status = 'incomplete';
    run.finishedAt = new Date().toISOString();
    run.verdict = 'broken';
    await store.saveRun(run);
    throw error;
  }
  return run;
}

async function runPlanned({ options, run, lab, features }: Context, planned: PlannedTrial): Promise<void> {
  const { store, scenario, progress, signal } = options;
  const platform = scenario.platforms.find((p) => p.id === planned.platform)!;
  const adapter = ADAPTERS[platform.adapter];
  let trial: Trial;
  try {
    if (!adapter) throw new HarnessError('INVALID_INPUT', `unknown adapter ${platform.adapter}`);
    const target = resolveTarget(platform, lab);
    const useNamespaces = lab !== null && isRoot() && isLabPlatform(platform);
    const runStep = (stepScenario: Scenario, id: string): Promise<Trial> => {
      const networks = new TrialNetworks(stepScenario, planned.network, { features, turn: lab ? labTurnServer(lab.platforms) : null });
      // namespaces of a trial are removed at its end, so every trial starts again from mb-p1
      const labPlatform = labPlatformInfo(platform);
      const plan = {
        runId: run.id,
        trialId: id,
        scenario: stepScenario,
        target,
        adapter,
        network: planned.network,
        repeat: planned.repeat,
        useNamespaces,
        namespaceBase: 1,
        ...(labPlatform ? { labPlatform } : {}),
      };
      return runTrial({ ...plan, ...(networks.active ? { networks } : {}) }, store, { progress, signal });
    };
    if (scenario.capacity) {
      const criteria = options.criteria;
      const search = await runCapacitySearch({
        scenario: { ...scenario, capacity: scenario.capacity },
        platform: platform.id,
        network: planned.network,
        trialId: planned.id,
        runStep,
        ...(criteria ? { judgeTrial: (t: Trial) => judgeOne(run, t, async (r) => (await scoreStoredRun(store, r, criteria)).run) } : {}),
        onTrial: async (t) => {
          run.trials.push(t);
          await store.saveRun(run);
        },
        progress,
        signal,
      });
      (run.capacity ??= []).push(search);
      await store.saveRun(run);
      return;
    }
    trial = await runStep(scenario, planned.id);
  } catch (error) {
    // an infrastructure failure around the trial (lab, namespaces): this trial is broken, the others go on
    trial = brokenTrial(planned, error instanceof Error ? error.message : String(error));
    progress(`  broken: ${trial.reason}`);
  }
  run.trials.push(trial);
  await store.saveRun(run);
}
