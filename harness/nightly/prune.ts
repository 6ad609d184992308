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
  const result: PruneResult = { detailsRemoved: [], runsDeleted: [], bytesFreed: 0 };
  const detailDirs = (id: string): string[] => [path.join(store.dataDir, 'samples', id), path.join(store.dataDir, 'artifacts', id)];

  for (const run of await store.allRuns()) {
    if (run.status === 'running') continue;
    const ageDays = (now - Date.parse(run.startedAt)) / DAY_MS;
    if (options.keepSummariesDays !== null && ageDays > options.keepSummariesDays) {
      const dirs = [...detailDirs(run.id), path.join(store.dataDir, 'reports', run.id)];
      for (const dir of dirs) result.bytesFreed += await sizeOf(dir);
      result.runsDeleted.push(run.id);
      if (options.dryRun) continue;
      await store.deleteRun(run.id);
      await fs.rm(path.join(store.dataDir, 'reports', run.id), { recursive: true, force: true });
      continue;
    }
    if (ageDays > options.keepDays) {
      let bytes = 0;
      for (const dir of detailDirs(run.id)) bytes += await sizeOf(dir);
      if (bytes === 0 && !hasDetails(run)) continue;
      result.bytesFreed += bytes;
      result.detailsRemoved.push(run.id);
      if (options.dryRun) continue;
      for (const dir of detailDirs(run.id)) await fs.rm(dir, { recursive: true, force: true });
      await store.saveRun({
        ...run,
        trials: run.trials.map((t) => ({ ...t, samplesFile: null, participants: t.participants.map((p) => ({ ...p, artifacts: [] })) })),
      });
    }
  }
  return result;
}
