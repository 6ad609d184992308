/**
 * The results store interface. The lowdb file store is the embedded default; every implementation
 * passes the same contract suite (test/contract/results-store.contract.ts, run by test/contract/lowdb-store.test.ts).
 */
import type { RunRecord, Sample } from '../run-record.ts';
import type { SkippedRun } from './check-stored-run.ts';

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

export interface StoredRuns {
  /** oldest first, each checked against the run-record schema */
  runs: RunRecord[];
  /** runs in the store that readers leave out (kept in the file as written) */
  skipped: SkippedRun[];
}

export interface ResultsStore {
  /** the data directory this store lives in */
  readonly dataDir: string;
  /** newest first */
  listRuns(): Promise<RunSummary[]>;
  /** a run by id, or the newest readable one for 'latest'; undefined when there is none; a stored run that cannot be read is refused naming its problems */
  getRun(idOrLatest: string): Promise<RunRecord | undefined>;
  /** insert or replace a run (by id), atomically and under the inter-process lock */
  saveRun(run: RunRecord): Promise<void>;
  /** every run, oldest first (for trends and history); runs that do not match the run-record schema are left out */
  allRuns(): Promise<RunRecord[]>;
  /** the same, with the runs left out and why: readers name them instead of failing on them */
  readRuns(): Promise<StoredRuns>;
  deleteRun(id: string): Promise<boolean>;
  /** append per-second samples of one trial (NDJSON beside the store) */
  appendSamples(runId: string, trialId: string, samples: Sample[]): Promise<string>;
  readSamples(runId: string, trialId: string): Promise<Sample[]>;
  /** folder for a trial's artifacts (screenshots, console logs), created on demand */
  artifactDir(runId: string, trialId: string): Promise<string>;
}
