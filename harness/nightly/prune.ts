/**
 * Retention. Per-second samples and artifacts (screenshots, console logs) are most of the data directory
 * and only matter while someone investigates a night; the run summaries are small and are what trends and
 * history read. So: after `keepDays`, a run loses its samples and artifacts but keeps its record; after
 * `keepSummariesDays` (when given), the run is deleted with its reports. Runs still `running` are never touched.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RunRecord } from '../../results/run-record.ts';
import type { ResultsStore } from '../../results/store/results-store.ts';
import { isExpectedError } from '../../results/errors.ts';
import { realPathInside } from '../../results/paths/inside-root.ts';

export interface PruneOptions {
  keepDays: number;
  keepSummariesDays: number | null;
  dryRun: boolean;
  now?: Date;
}

export interface PruneResult {
  /** runs that lost their samples and artifacts */
  detailsRemoved: string[];
  /** runs deleted entirely */
  runsDeleted: string[];
  bytesFreed: number;
  /** runs left as they are, and why (an id or a folder that would lead outside the data dir) */
  skipped: { id: string; why: string }[];
}

async function sizeOf(target: string): Promise<number> {
  let stat;
  try {
    stat = await fs.lstat(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.size;
  let total = 0;
  for (const entry of await fs.readdir(target)) total += await sizeOf(path.join(target, entry));
  return total;
}

const DAY_MS = 86_400_000;

function hasDetails(run: RunRecord): boolean {
  return run.trials.some((t) => t.samplesFile || t.participants.some((p) => p.artifacts.length > 0));
}

export async function pruneRuns(store: ResultsStore, options: PruneOptions): Promise<PruneResult> {
  const now = (options.now ?? new Date()).getTime();
  const result: PruneResult = { detailsRemoved: [], runsDeleted: [], bytesFreed: 0, skipped: [] };
  // every folder a run owns, checked to stay inside the data dir before anything is measured or removed
  const folders = (id: string, which: string[]): Promise<string[]> => Promise.all(which.map((folder) => realPathInside(store.dataDir, folder, id)));

  for (const run of await store.allRuns()) {
    if (run.status === 'running') continue;
    const ageDays = (now - Date.parse(run.startedAt)) / DAY_MS;
    const deleteWhole = options.keepSummariesDays !== null && ageDays > options.keepSummariesDays;
    if (!deleteWhole && !(ageDays > options.keepDays)) continue;
    let dirs: string[];
    try {
      dirs = await folders(run.id, deleteWhole ? ['samples', 'artifacts', 'reports'] : ['samples', 'artifacts']);
    } catch (error) {
      if (!isExpectedError(error)) throw error;
      result.skipped.push({ id: run.id, why: error.message });
      continue;
    }
    if (deleteWhole) {
      for (const dir of dirs) result.bytesFreed += await sizeOf(dir);
      result.runsDeleted.push(run.id);
      if (options.dryRun) continue;
      await store.deleteRun(run.id);
      await fs.rm(dirs[2]!, { recursive: true, force: true });
      continue;
    }
    let bytes = 0;
    for (const dir of dirs) bytes += await sizeOf(dir);
    if (bytes === 0 && !hasDetails(run)) continue;
    result.bytesFreed += bytes;
    result.detailsRemoved.push(run.id);
    if (options.dryRun) continue;
    for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
    await store.saveRun({
      ...run,
      trials: run.trials.map((t) => ({ ...t, samplesFile: null, participants: t.participants.map((p) => ({ ...p, artifacts: [] })) })),
    });
  }
  return result;
}
