/**
 * Capacity search: trials of one room of growing size (the scenario's `capacity` sizes) until a step
 * fails. A step fails when nobody could be measured (broken), when the runner was saturated (its figures
 * describe this machine, not the platform: the answer is then a lower bound), when not every participant
 * joined, or when an error-level criterion failed (judged by the run's criteria file on that trial alone).
 * The answer is the largest size that passed, with the curve of join time, uplink, downlink and loss
 * against room size, and the reason the search stopped in plain words.
 */
import { mean, percentile, roundTenth } from '../../results/statistics.ts';
import type { CapacitySearch, CapacityStep, RunRecord, Trial } from '../../results/run-record.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';
import { capacitySizes, type CapacityConfig } from '../scenario/capacity-schema.ts';

export interface CapacityRunOptions {
  scenario: Scenario & { capacity: CapacityConfig };
  platform: string;
  network: string;
  trialId: string;
  /** runs one trial of the given scenario (participants.count = the step's size) */
  runStep(scenario: Scenario, trialId: string): Promise<Trial>;
  /** judges one trial with the run's criteria; absent when the run has no criteria file */
  judgeTrial?: (trial: Trial) => Promise<Trial>;
  /** stores the step's trial in the run as soon as it is measured */
  onTrial(trial: Trial): Promise<void>;
  progress(message: string): void;
  signal: AbortSignal;
}

/** one room of `size`: the scenario's participants, rooms and groups reduced to that */
export function stepScenario(scenario: Scenario, size: number): Scenario {
  const { groups: _groups, ...participants } = scenario.participants;
  return {
    ...scenario,
    participants: { ...participants, count: size, receivers: Math.min(participants.receivers, size) },
    rooms: { ...scenario.rooms, count: 1 },
  };
}

const round = (v: number | null): number | null => (v === null ? null : roundTenth(v));
const avg = (values: (number | null | undefined)[]): number | null => round(mean(values));

/** the curve point of one step */
export function stepPoint(size: number, trial: Trial): CapacityStep {
  const joined = trial.participants.filter((p) => p.joined);
  const joins = joined.map((p) => p.joinTimeMs).filter((v): v is number => typeof v === 'number');
  return {
    size,
    trialId: trial.id,
    verdict: trial.verdict,
    joined: joined.length,
    joinTimeMs: { p50: round(percentile(joins, 50)), p95: round(percentile(joins, 95)) },
    uplinkKbps: avg(joined.map((p) => p.uplinkKbps.avg)),
    downlinkKbps: avg(joined.map((p) => p.downlinkKbps.avg)),
    packetLossPct: avg(joined.map((p) => p.metrics.packet_loss_pct)),
    runnerCpuPct: trial.runner.cpuPct.avg,
    failedCriteria: trial.criteria.filter((c) => c.level === 'error' && c.outcome !== 'pass').map((c) => c.id),
  };
}

type Stop = Pick<CapacitySearch, 'stoppedBecause' | 'explanation'>;

/** why this step ends the search, or null when it passed */
export function stepFailure(step: CapacityStep, trial: Trial, previous: number | null): Stop | null {
  const lastGood = previous === null ? 'no room size met the criteria' : `the largest room that did is ${previous}`;
  if (trial.verdict === 'broken')
    return {
      stoppedBecause: 'broken',
      explanation: `at ${step.size} participants the trial could not measure anything (${trial.reason ?? 'broken'}); ${lastGood}`,
    };
  if (trial.runner.saturated) {
    return {
      stoppedBecause: 'runner-saturated',
      explanation: `at ${step.size} participants the runner itself was saturated (${trial.runner.reason ?? `CPU ${step.runnerCpuPct} %`}): larger rooms cannot be measured on this machine; ${lastGood}${previous === null ? '' : " (a lower bound of the platform's capacity: the runner, not the platform, stopped the search)"}`,
    };
  }
  if (step.joined < step.size) {
    const first = trial.participants.find((p) => !p.joined);
    return {
      stoppedBecause: 'not-all-joined',
      explanation: `at ${step.size} participants only ${step.joined} joined${first ? ` (${first.name}: ${first.errorStep ?? 'error'}: ${first.error ?? ''})` : ''}; ${lastGood}`,
    };
  }
  if (step.failedCriteria.length > 0) {
    const details = trial.criteria
      .filter((c) => step.failedCriteria.includes(c.id))
      .map((c) => `${c.id} (${c.metric} ${c.threshold}: ${c.outcome === 'fail' ? `got ${round(c.value)}` : c.outcome})`)
      .join(', ');
    return { stoppedBecause: 'criteria-failed', explanation: `at ${step.size} participants an error-level criterion failed: ${details}; ${lastGood}` };
  }
  return null;
}

export async function runCapacitySearch(options: CapacityRunOptions): Promise<CapacitySearch> {
  const sizes = capacitySizes(options.scenario.capacity);
  const steps: CapacityStep[] = [];
  let largest: number | null = null;
  let stop: Stop | null = null;
  for (const size of sizes) {
    if (options.signal.aborted) {
      stop = {
        stoppedBecause: 'interrupted',
        explanation: `interrupted before ${size} participants; ${largest === null ? 'no room size met the criteria' : `the largest room that did is ${largest}`}`,
      };
      break;
    }
    options.progress(`capacity ${options.platform}/${options.network}: one room of ${size}`);
    let trial = await options.runStep(stepScenario(options.scenario, size), `${options.trialId}-n${size}`);
    if (options.judgeTrial && trial.verdict !== 'broken') trial = await options.judgeTrial(trial);
    await options.onTrial(trial);
    const step = stepPoint(size, trial);
    steps.push(step);
    stop = options.signal.aborted
      ? { stoppedBecause: 'interrupted', explanation: `interrupted during ${size} participants` }
      : stepFailure(step, trial, largest);
    options.progress(
      `  ${size}: ${stop ? `stop — ${stop.explanation}` : `met the criteria (join p95 ${step.joinTimeMs.p95} ms, runner CPU ${step.runnerCpuPct} %)`}`,
    );
    if (stop) break;
    largest = size;
  }
  stop ??= {
    stoppedBecause: 'max-reached',
    explanation: `every size up to ${largest} met the criteria: the search reached its max (${options.scenario.capacity.max}); raise max to go further`,
  };
  return { platform: options.platform, network: options.network, sizes, steps, largestPassing: largest, ...stop };
}

/** judge one trial alone with the run's judge (criteria read one trial at a time) */
export async function judgeOne(run: RunRecord, trial: Trial, judge: (run: RunRecord) => Promise<RunRecord>): Promise<Trial> {
  const judged = await judge({ ...run, trials: [trial] });
  return judged.trials[0] ?? trial;
}
