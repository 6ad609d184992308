/**
 * One trial: the scenario's participants join one platform under one network profile, are measured for
 * the window after the warm-up, leave, and the trial record is built. Four phases over the collectors
 * (harness/collectors): place, join, measure, tear down. The runner only records what happened;
 * criteria judge later (results/criteria). Faults are isolated per participant.
 */
import type { ResultsStore } from '../../results/store/results-store.ts';
import type { Trial } from '../../results/run-record.ts';
import { guard, type Collected } from '../collectors/collector.ts';
import { runnerCpuCollector, type RunnerCpuReadings } from '../collectors/runner-cpu.ts';
import { runWebLoad, type WebLoadResult } from '../web-load/run-web-load.ts';
import { joinParticipants } from './join-participants.ts';
import { measureWindow, type WindowResults } from './measure-window.ts';
import { createBrowserPool, placeParticipants, type TrialMember } from './place-participants.ts';
import { tearDownTrial } from './tear-down-trial.ts';
import type { TrialHooks, TrialPlan } from './trial-plan.ts';
import { trialRecord } from './trial-record.ts';

export type { TrialHooks, TrialPlan } from './trial-plan.ts';

export async function runTrial(plan: TrialPlan, store: ResultsStore, hooks: TrialHooks): Promise<Trial> {
  const startedAt = new Date().toISOString();
  const artifactDir = await store.artifactDir(plan.runId, plan.trialId);
  // the runner's CPU from the trial's start: a window cut short is still judged by the joins' readings
  const runnerCpu = guard(runnerCpuCollector());
  const pool = createBrowserPool(plan);
  const members: TrialMember[] = [];
  let window: WindowResults | null = null;
  let webLoad: Promise<WebLoadResult | null> = Promise.resolve(null);
  let aborted = false;
  let cpu: Collected<RunnerCpuReadings> = { value: null, error: null };
  try {
    await plan.adapter.prepare?.(plan.target);
    await placeParticipants(plan, pool, artifactDir, members);
    // the web-tier load starts with the first join: the rush of a meeting's start
    if (plan.scenario.webLoad) webLoad = runWebLoad(plan.scenario.webLoad, plan.target.url, hooks.signal);
    await joinParticipants(members, plan, hooks);
    window = await measureWindow(members, pool, plan, hooks, runnerCpu);
    aborted = hooks.signal.aborted;
  } finally {
    cpu = await runnerCpu.stop();
    await tearDownTrial(members, pool, plan);
  }
  const samples = (window?.samples.value ?? []).flatMap((m) => m.samples);
  const webLoadResult = await webLoad.catch((error: unknown) => {
    hooks.progress(`  web load failed: ${(error as Error).message}`);
    return null;
  });
  return trialRecord(plan, {
    startedAt,
    members,
    window,
    pool,
    runnerCpu: cpu,
    webLoad: webLoadResult,
    samplesFile: samples.length > 0 ? await store.appendSamples(plan.runId, plan.trialId, samples) : null,
    aborted,
  });
}
