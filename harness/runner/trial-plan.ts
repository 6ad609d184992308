/** What one trial is: a scenario's participants on one platform, under one network profile, one repeat. */
import type { LabPlatformInfo } from '../../results/run-record.ts';
import type { PlatformAdapter, PlatformTarget } from '../adapters/platform-adapter.ts';
import type { TrialNetworks } from '../network/trial-networks.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';

export interface TrialPlan {
  runId: string;
  trialId: string;
  scenario: Scenario;
  target: PlatformTarget;
  adapter: PlatformAdapter;
  network: string;
  repeat: number;
  /** put each participant in its own lab namespace (needs root and a running lab) */
  useNamespaces: boolean;
  /** first participant namespace index, so two trials never share names */
  namespaceBase: number;
  /** network profiles of the participants and the timeline; absent: nothing shaped */
  networks?: TrialNetworks;
  /** the lab platform, when it stands for another product (a reconstruction) */
  labPlatform?: LabPlatformInfo;
}

export interface TrialHooks {
  progress(message: string): void;
  /** aborted by a signal or a deadline: stop measuring, clean up, mark the trial partial */
  signal: AbortSignal;
}

/** resolves after `ms`, or at once when the signal aborts */
export const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
