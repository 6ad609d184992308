/**
 * An in-memory snapshot of the stored runs, reloaded only when the store file changes (mtime and size).
 * The lowdb store re-reads its whole file on every call; a year of nightly runs is tens of megabytes,
 * so the viewer reads it once per change and derives every page from the snapshot (and memoises them).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RunRecord } from '../../results/run-record.ts';
import type { ResultsStore, StoredRuns } from '../../results/store/results-store.ts';
import type { SkippedRun } from '../../results/store/check-stored-run.ts';
import { STORE_FILE } from '../../results/store/lowdb-store.ts';
import { isExpectedError } from '../../results/errors.ts';

export interface RunsSnapshot {
  /** oldest first */
  runs: RunRecord[];
  byId: Map<string, RunRecord>;
  latest: RunRecord | undefined;
  /** stored runs left out because they do not match the run-record schema: pages name them */
  skipped: SkippedRun[];
  /** cache for values derived from this snapshot (scorecards, trends, pages), keyed by the caller; failures are not kept */
  memo<T>(key: string, compute: () => T): T;
}

function makeSnapshot({ runs, skipped }: StoredRuns): RunsSnapshot {
  const cache = new Map<string, unknown>();
  return {
    runs,
    skipped,
    byId: new Map(runs.map((r) => [r.id, r])),
    latest: runs.at(-1),
    memo<T>(key: string, compute: () => T): T {
      if (cache.has(key)) return cache.get(key) as T;
      // bounded: a crawler walking every run must not grow the cache without end
      if (cache.size > 2000) cache.clear();
      // a throwing compute caches nothing; a rejected promise is dropped, so the next request tries again
      const value = compute();
      cache.set(key, value);
      if (value instanceof Promise) {
        value.catch(() => {
          if (cache.get(key) === value) cache.delete(key);
        });
      }
      return value;
    },
  };
}

export class SnapshotSource {
  private current: { key: string; snapshot: RunsSnapshot } | undefined;
  /** the last reload's expected failure (an unreadable store), answered again until the file changes */
  private failed: { key: string; error: unknown } | undefined;
  private loading: Promise<RunsSnapshot> | undefined;

  constructor(private readonly store: ResultsStore) {}

  private async fileKey(): Promise<string | undefined> {
    try {
      const stat = await fs.stat(path.join(this.store.dataDir, STORE_FILE));
      return `${stat.mtimeMs}:${stat.size}`;
    } catch {
      return undefined; // another store implementation, or no file yet: always ask the store
    }
  }

  async get(): Promise<RunsSnapshot> {
    const key = await this.fileKey();
    if (key !== undefined && this.current?.key === key) return this.current.snapshot;
    // an unreadable store is read once per change, not once per request (Prometheus polls a year of results)
    if (key !== undefined && this.failed?.key === key) throw this.failed.error;
    // concurrent requests after a change share one reload
    this.loading ??= (async () => {
      try {
        const snapshot = makeSnapshot(await this.store.readRuns());
        if (key !== undefined) this.current = { key, snapshot };
        this.failed = undefined;
        return snapshot;
      } catch (error) {
        if (key !== undefined && isExpectedError(error)) this.failed = { key, error };
        throw error;
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }
}
