/**
 * The results store interface. The lowdb file store is the embedded default; every implementation
 * passes the same contract suite (test/contract/results-store.test.ts).
 */
import type { RunRecord, Sample } from '../run-record.ts';

export interface RunSummary {
  id: string;
  kind: RunRecord['kind'];
  source: string | undefined;
  startedAt: string;
  finishedAt: string | null;
  status: RunRecord['status'];
  verdict: RunRecord['verdict'];
  platforms: string[];
  trials: number;
}

export interface ResultsStore {
  /** the data directory this store lives in */
  readonly dataDir: string;
  /** newest first */
  listRuns(): Promise<RunSummary[]>;
  /** a run by id, or the newest one for 'latest'; undefined when there is none */
  getRun(idOrLatest: string): Promise<RunRecord | undefined>;
  /** insert or replace a run (by id), atomically and under the inter-process lock */
  saveRun(run: RunRecord): Promise<void>;
  /** every run, oldest first (for trends and history) */
  allRuns(): Promise<RunRecord[]>;
  deleteRun(id: string): Promise<boolean>;
  /** append per-second samples of one trial (NDJSON beside the store) */
  appendSamples(runId: string, trialId: string, samples: Sample[]): Promise<string>;
  readSamples(runId: string, trialId: string): Promise<Sample[]>;
  /** folder for a trial's artifacts (screenshots, console logs), created on demand */
  artifactDir(runId: string, trialId: string): Promise<string>;
}
