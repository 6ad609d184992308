/**
 * The embedded results store: one lowdb JSON document of run records in the data directory, per-second
 * samples as NDJSON files beside it (so the document stays small), artifacts in per-trial folders.
 * Every write re-reads the file under the inter-process lock, so two processes never lose each other's runs.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import type { RunRecord, Sample } from '../run-record.ts';
import { ExpectedError } from '../errors.ts';
import type { ResultsStore, RunSummary, StoredRuns } from './results-store.ts';
import { storedRunProblems, type SkippedRun } from './check-stored-run.ts';
import { DurableJsonFile, type DocumentProblem } from './durable-json-file.ts';
import { withFileLock } from './store-lock.ts';
import { isSafeName } from '../paths/safe-name.ts';
import { pathInside, realPathInside } from '../paths/inside-root.ts';
import { FileRefused, readRegularFile } from '../paths/read-regular-file.ts';

export const STORE_FILE = 'meetbench.json';
export const STORE_SCHEMA_VERSION = 1;
/** a trial's per-second samples: 16 participants over an hour are about 25 MB */
const MAX_SAMPLES_BYTES = 128 * 1024 * 1024;

interface StoreDocument {
  schemaVersion: number;
  runs: RunRecord[];
}

/** Ids become file and folder names: keep them to a safe alphabet so no id can climb out of the data dir. */
function checkId(kind: string, id: string): void {
  if (!isSafeName(id)) {
    throw new ExpectedError('INVALID_INPUT', `invalid ${kind} id ${JSON.stringify(id)}`, { hint: 'ids use letters, digits, ".", "_" and "-"' });
  }
}

function validateDocument(data: unknown): DocumentProblem | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { corrupt: 'expected a JSON object with "schemaVersion" and "runs"' };
  const doc = data as Partial<StoreDocument>;
  // a newer meetbench's store is not corrupt: refuse it as such, without keeping a copy
  if (typeof doc.schemaVersion === 'number' && Number.isInteger(doc.schemaVersion) && doc.schemaVersion > STORE_SCHEMA_VERSION) {
    return { newerVersion: doc.schemaVersion, readable: STORE_SCHEMA_VERSION };
  }
  if (doc.schemaVersion !== STORE_SCHEMA_VERSION) {
    return { corrupt: `schemaVersion is ${JSON.stringify(doc.schemaVersion)}, this meetbench reads ${STORE_SCHEMA_VERSION}` };
  }
  if (!Array.isArray(doc.runs)) return { corrupt: '"runs" is not an array' };
  // only what every reader relies on: a newer meetbench's extra fields must still pass
  const bad = doc.runs.findIndex((r: unknown) => {
    const run = r as Partial<RunRecord> | null;
    return typeof run !== 'object' || run === null || typeof run.id !== 'string' || typeof run.startedAt !== 'string' || !Array.isArray(run.trials);
  });
  if (bad >= 0) return { corrupt: `runs[${bad}] is not a run record (an object with id, startedAt and trials)` };
  return null;
}

/** the short form of a run that listings show */
export function summarizeRun(run: RunRecord): RunSummary {
  return {
    id: run.id,
    kind: run.kind,
    source: run.source,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    status: run.status,
    verdict: run.verdict,
    platforms: [...new Set(run.trials.map((t) => t.platform))],
    trials: run.trials.length,
  };
}

export class LowdbStore implements ResultsStore {
  readonly dataDir: string;
  private readonly file: string;
  private readonly db: Low<StoreDocument>;
  private readonly adapter: DurableJsonFile<StoreDocument>;

  constructor(dataDir: string) {
    this.dataDir = dataDir;
    this.file = path.join(dataDir, STORE_FILE);
    this.adapter = new DurableJsonFile<StoreDocument>(this.file, validateDocument);
    this.db = new Low(this.adapter, { schemaVersion: STORE_SCHEMA_VERSION, runs: [] });
  }

  async init(): Promise<void> {
    try {
      await fs.mkdir(this.dataDir, { recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      if (code === 'EEXIST' || code === 'ENOTDIR') {
        throw new ExpectedError('INVALID_INPUT', `the data directory ${this.dataDir} is not a folder (${code})`, {
          hint: 'pass --data-dir (or MEETBENCH_DATA) a folder; it is created when missing',
        });
      }
      throw new ExpectedError('STORE_WRITE_FAILED', `the data directory ${this.dataDir} cannot be created (${code})`, {
        hint: 'choose a writable place with --data-dir',
        cause: error,
      });
    }
    await this.db.read();
    // a writer killed mid-write leaves its temp file; only files of dead pids are removed
    await this.adapter.removeStaleTemps();
  }

  private async fresh(): Promise<StoreDocument> {
    await this.db.read();
    return this.db.data;
  }

  async readRuns(): Promise<StoredRuns> {
    const doc = await this.fresh();
    const runs: RunRecord[] = [];
    const skipped: SkippedRun[] = [];
    doc.runs.forEach((run, index) => {
      const problems = storedRunProblems(run);
      if (problems.length === 0) runs.push(run);
      else skipped.push({ index, id: typeof run.id === 'string' ? run.id : null, problems });
    });
    return { runs: runs.sort((a, b) => a.startedAt.localeCompare(b.startedAt)), skipped };
  }

  async listRuns(): Promise<RunSummary[]> {
    return (await this.allRuns()).map(summarizeRun).reverse();
  }

  async getRun(idOrLatest: string): Promise<RunRecord | undefined> {
    const { runs, skipped } = await this.readRuns();
    if (idOrLatest === 'latest') return runs.at(-1);
    const bad = skipped.find((s) => s.id === idOrLatest);
    if (bad && !runs.some((r) => r.id === idOrLatest)) {
      throw new ExpectedError(
        'STORE_RUN_UNREADABLE',
        `run ${JSON.stringify(idOrLatest)} is in the results store ${this.file} but cannot be read: ${bad.problems.join('; ')}`,
        {
          hint: 'it was left in the file as it is; repair it by hand, or restore a backup',
        },
      );
    }
    return runs.find((r) => r.id === idOrLatest);
  }

  async allRuns(): Promise<RunRecord[]> {
    return (await this.readRuns()).runs;
  }

  async saveRun(run: RunRecord): Promise<void> {
    checkId('run', run.id);
    // what the store accepts, its readers can read back
    const problems = storedRunProblems(run);
    if (problems.length > 0) throw new ExpectedError('STORE_RECORD_INVALID', `run ${run.id} does not match the run-record schema`, { details: problems });
    await withFileLock(await this.adapter.writeTarget(), async () => {
      const doc = await this.fresh();
      const index = doc.runs.findIndex((r) => r.id === run.id);
      // the record as given, not zod's parse: a newer writer's extra fields must survive this one
      if (index >= 0) doc.runs[index] = run;
      else doc.runs.push(run);
      await this.db.write();
    });
  }

  async deleteRun(id: string): Promise<boolean> {
    checkId('run', id);
    const removed = await withFileLock(await this.adapter.writeTarget(), async () => {
      const doc = await this.fresh();
      const before = doc.runs.length;
      doc.runs = doc.runs.filter((r) => r.id !== id);
      if (doc.runs.length === before) return false;
      await this.db.write();
      return true;
    });
    if (removed) {
      for (const folder of ['samples', 'artifacts']) await fs.rm(await realPathInside(this.dataDir, folder, id), { recursive: true, force: true });
    }
    return removed;
  }

  /** the samples file of a trial, relative to the data dir (as trials record it) */
  samplesPath(runId: string, trialId: string): string {
    checkId('run', runId);
    checkId('trial', trialId);
    return path.relative(this.dataDir, pathInside(this.dataDir, 'samples', runId, `${trialId}.ndjson`));
  }

  /** the same, where reads and writes go: links on the way followed, and refused when they lead outside */
  private samplesFile(runId: string, trialId: string): Promise<string> {
    return realPathInside(this.dataDir, ...this.samplesPath(runId, trialId).split(path.sep));
  }

  async appendSamples(runId: string, trialId: string, samples: Sample[]): Promise<string> {
    const file = await this.samplesFile(runId, trialId);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.appendFile(file, samples.map((s) => `${JSON.stringify(s)}\n`).join(''));
    return this.samplesPath(runId, trialId);
  }

  async readSamples(runId: string, trialId: string): Promise<Sample[]> {
    let bytes: Buffer | null;
    try {
      bytes = await readRegularFile(await this.samplesFile(runId, trialId), MAX_SAMPLES_BYTES);
    } catch (error) {
      // a FIFO, a device or a giant where a trial's samples belong must not hang or exhaust a reader
      if (!(error instanceof FileRefused)) throw error;
      throw new ExpectedError(
        'SAMPLES_UNREADABLE',
        `the samples of trial ${trialId} of run ${runId} cannot be read: ${this.samplesPath(runId, trialId)} ${error.why}`,
        {
          hint: 'the run record is intact; move the file away to read the run without its per-second samples',
        },
      );
    }
    if (bytes === null) return [];
    const text = bytes.toString('utf8');
    const samples: Sample[] = [];
    // a line cut by a crash mid-append is skipped, the others stay readable
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        samples.push(JSON.parse(line) as Sample);
      } catch {
        /* torn last line */
      }
    }
    return samples;
  }

  async artifactDir(runId: string, trialId: string): Promise<string> {
    checkId('run', runId);
    checkId('trial', trialId);
    const dir = await realPathInside(this.dataDir, 'artifacts', runId, trialId);
    await fs.mkdir(dir, { recursive: true });
    return dir;
  }
}
