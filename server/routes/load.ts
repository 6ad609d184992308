/** Finding runs and trials for a route, with the 404 a reader should see when they do not exist. */
import type { RunRecord, Trial } from '../../results/run-record.ts';
import { notFound } from '../http-errors.ts';
import { isSafeName } from '../../results/paths/safe-name.ts';
import type { RunsSnapshot } from '../model/runs-snapshot.ts';

// An id outside the safe alphabet names nothing the viewer may serve, whatever a store returned: it is
// 404 here, before it reaches a path (where it would be refused with an error, not a "not found").
export function findRun(snapshot: RunsSnapshot, id: string): RunRecord {
  if (id !== 'latest' && !isSafeName(id)) throw notFound('run');
  const run = id === 'latest' ? snapshot.latest : snapshot.byId.get(id);
  if (!run) throw notFound('run');
  return run;
}

export function findTrial(run: RunRecord, trialId: string): Trial {
  const trial = isSafeName(run.id) && isSafeName(trialId) ? run.trials.find((t) => t.id === trialId) : undefined;
  if (!trial) throw notFound('trial');
  return trial;
}

export function allPlatforms(snapshot: RunsSnapshot): string[] {
  return snapshot.memo('platforms', () => [...new Set(snapshot.runs.flatMap((r) => r.trials.map((t) => t.platform)))].sort());
}

/** the query value as one string (Express may give arrays for repeated keys) */
export function queryString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
