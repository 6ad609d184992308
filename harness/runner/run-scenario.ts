/**
 * A run: every trial of a scenario (platform × network profile × repeat), one after the other, stored as
 * it goes (status `running`, then `complete`, or `incomplete` when a signal or deadline stopped it), so a
 * crash never loses the trials already measured and the viewer can show a run in progress.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import type { ResultsStore } from '../../results/store/results-store.ts';
import { combineVerdicts, RUN_SCHEMA_VERSION, type RunRecord, type Trial } from '../../results/run-record.ts';
import { ADAPTERS } from '../adapters/registry.ts';
import type { PlatformTarget } from '../adapters/platform-adapter.ts';
import { HarnessError } from '../errors.ts';
import { isRoot, labUp, type LabState } from '../lab/index.ts';
import type { Scenario, ScenarioPlatform } from '../scenario/scenario-schema.ts';
import { CHROMIUM_PATH } from '../participants/chromium-flags.ts';
import { runTrial } from './run-trial.ts';
import { capacityVerdict, judgeOne, runCapacitySearch } from '../capacity/capacity-search.ts';
import { labTurnServer } from '../lab/coturn.ts';
import { shapingFeatures, type ShapingFeatures } from '../network/shaping-features.ts';
import { checkNetworkPlan, needsShaping, needsTurn } from '../network/participant-networks.ts';
import { TrialNetworks } from '../network/trial-networks.ts';

export interface RunOptions {
  store: ResultsStore;
  scenario: Scenario;
  source: string;
  kind?: RunRecord['kind'];
  progress: (message: string) => void;
  signal: AbortSignal;
  /** judge the run (criteria) before it is stored as complete; given by the caller so the runner stays criteria-agnostic */
  judge?: (run: RunRecord) => Promise<RunRecord>;
  /** a nightly suite holds all its scenarios in one run: append the trials to this record (ids prefixed by the scenario name) */
  into?: RunRecord;
  /** false: return the run still `running`, unjudged; the suite finishes it after its last scenario */
  finish?: boolean;
}

export function newRunId(date = new Date()): string {
  return `${date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

const LAB_PREFIX = 'lab:';

function labPlatformIds(scenario: Scenario): string[] {
  const ids = new Set(scenario.platforms.filter((p) => p.url.startsWith(LAB_PREFIX)).map((p) => p.url.slice(LAB_PREFIX.length)));
  // turn-only profiles need the lab's TURN server
  if (ids.size > 0 && needsTurn(scenario)) ids.add('coturn');
  return [...ids];
}

function resolveTarget(platform: ScenarioPlatform, lab: LabState | null): PlatformTarget {
  if (!platform.url.startsWith(LAB_PREFIX)) {
    return { id: platform.id, adapter: platform.adapter, url: platform.url, options: platform.options, acceptSelfSignedCertificate: platform.acceptSelfSignedCertificate === true };
  }
  const labId = platform.url.slice(LAB_PREFIX.length);
  const record = lab?.platforms.find((p) => p.id === labId);
  if (!record?.endpoints) throw new HarnessError('LAB_FAILED', `platform ${platform.id}: the lab has no running "${labId}"`);
  // lab page URLs carry {room}; adapters compose their own paths from the origin
  const url = new URL(record.endpoints.pageUrl.replaceAll('{room}', '1')).origin;
  return { id: platform.id, adapter: platform.adapter, url, options: { ...platform.options } };
}

function browserVersion(): string | null {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    return null;
  }
}

/** A run as stored when it starts: `running`, broken until judged (a crash never leaves it passed). */
export function newRunRecord(kind: RunRecord['kind'], source: string): RunRecord {
  return {
    schemaVersion: RUN_SCHEMA_VERSION,
    id: newRunId(),
    kind,
    source,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    status: 'running',
    verdict: 'broken',
    reason: null,
    trials: [],
    host: { hostname: os.hostname(), cores: os.cpus().length, memoryMb: Math.round(os.totalmem() / 1024 / 1024), browser: browserVersion() },
  };
}

export async function runScenario(options: RunOptions): Promise<RunRecord> {
  const { store, scenario, progress, signal } = options;
  // the network plan first: a profile this machine cannot apply is refused before anything starts
  const features: ShapingFeatures | null = needsShaping(scenario) && isRoot() ? await shapingFeatures() : null;
  for (const line of checkNetworkPlan(scenario, features)) progress(`network plan: ${line}`);
  const run: RunRecord = options.into ?? newRunRecord(options.kind ?? 'run', options.source);
  await store.saveRun(run);

  let lab: LabState | null = null;
  const labIds = labPlatformIds(scenario);
  // a capacity search puts up to capacity.max participants in one room
  const maxPublishers = Math.max(2, Math.ceil(scenario.participants.count / scenario.rooms.count) + 1, (scenario.capacity?.max ?? 0) + 1);
  try {
    if (labIds.length > 0) {
      const up = await labUp({
        dataDir: store.dataDir,
        platforms: labIds,
        rooms: { count: Math.max(scenario.rooms.count, 4), maxPublishers: Math.max(maxPublishers, 8), ...(scenario.rooms.bitrateKbps ? { bitrateBps: scenario.rooms.bitrateKbps * 1000 } : {}) },
        onProgress: (m) => progress(`lab: ${m}`),
      });
      lab = up.state;
    }
    const useNamespaces = lab !== null && isRoot();
    // namespaces of a trial are removed at its end, so every trial starts again from mb-p1
    const namespaceBase = 1;
    for (const network of scenario.networks) {
      for (let repeat = 1; repeat <= scenario.repeats; repeat += 1) {
        for (const platform of scenario.platforms) {
          if (signal.aborted) break;
          const adapter = ADAPTERS[platform.adapter];
          if (!adapter) throw new HarnessError('INVALID_INPUT', `unknown adapter ${platform.adapter}`);
          const trialId = `${options.into ? `${scenario.name}-` : ''}${platform.id}-${network}-r${repeat}`.replace(/[^A-Za-z0-9._-]/g, '_');
          progress(`trial ${trialId}`);
          let trial: Trial;
          try {
            const target = resolveTarget(platform, lab);
            const runOne = (stepScenario: Scenario, id: string): Promise<Trial> => {
              const networks = new TrialNetworks(stepScenario, network, { features, turn: lab ? labTurnServer(lab.platforms) : null });
              return runTrial(
                {
                  runId: run.id,
                  trialId: id,
                  scenario: stepScenario,
                  target,
                  adapter,
                  network,
                  repeat,
                  useNamespaces: useNamespaces && platform.url.startsWith(LAB_PREFIX),
                  namespaceBase,
                  ...(networks.active ? { networks } : {}),
                },
                store,
                { progress, signal },
              );
            };
            if (scenario.capacity) {
              // capacity mode: a search of growing rooms per platform and network (repeats do not apply)
              if (repeat > 1) continue;
              const judge = options.judge;
              const search = await runCapacitySearch({
                scenario: { ...scenario, capacity: scenario.capacity },
                platform: platform.id,
                network,
                trialId,
                runStep: runOne,
                ...(judge ? { judgeTrial: (t: Trial) => judgeOne(run, t, judge) } : {}),
                onTrial: async (t) => {
                  run.trials.push(t);
                  await store.saveRun(run);
                },
                progress,
                signal,
              });
              (run.capacity ??= []).push(search);
              await store.saveRun(run);
              continue;
            }
            trial = await runOne(scenario, trialId);
          } catch (error) {
            // an infrastructure failure around the trial (lab, namespaces): this trial is broken, the others go on
            trial = brokenTrial(trialId, platform.id, scenario, network, repeat, error);
            progress(`  broken: ${trial.reason}`);
          }
          run.trials.push(trial);
          await store.saveRun(run);
        }
      }
    }
  } catch (error) {
    run.reason = error instanceof Error ? error.message : String(error);
    run.status = 'incomplete';
    run.finishedAt = new Date().toISOString();
    run.verdict = 'broken';
    await store.saveRun(run);
    throw error;
  }
  if (options.finish === false) return run;

  run.finishedAt = new Date().toISOString();
  run.status = signal.aborted ? 'incomplete' : 'complete';
  let judged = options.judge ? await options.judge(run) : run;
  judged = { ...judged, verdict: combineVerdicts(judged.trials.map((t) => t.verdict)) };
  // a capacity search ends on a failing step by design: its verdict is whether it found a room size
  if (judged.capacity && judged.capacity.length > 0) judged = { ...judged, ...capacityVerdict(judged.capacity) };
  if (judged.status === 'incomplete') {
    judged.verdict = judged.verdict === 'broken' ? 'broken' : 'inconclusive';
    judged.reason = 'interrupted: the run stopped before all its trials were measured';
  }
  await store.saveRun(judged);
  return judged;
}

function brokenTrial(id: string, platform: string, scenario: Scenario, network: string, repeat: number, error: unknown): Trial {
  const now = new Date().toISOString();
  return {
    id,
    platform,
    scenario: scenario.name,
    network,
    repeat,
    startedAt: now,
    finishedAt: now,
    verdict: 'broken',
    reason: error instanceof Error ? error.message : String(error),
    participants: [],
    criteria: [],
    runner: { cpuPct: { avg: null, max: null }, saturated: false, reason: null },
  };
}
