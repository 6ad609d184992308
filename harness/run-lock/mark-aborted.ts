/**
 * When a lock is taken over, the run its dead holder was writing is still `running` in the store and would
 * stay so forever. Mark it `aborted` (verdict broken: nothing about the platform can be concluded from it),
 * keeping every trial it measured, and say who found it and when.
 */
import type { ResultsStore } from '../../results/store/results-store.ts';
import type { LockHolder } from './run-lock.ts';

/** a run's start is written a moment after the lock is taken; this much clock slack is allowed */
const SLACK_MS = 5_000;

export async function markAbortedRuns(store: ResultsStore, dead: LockHolder): Promise<string[]> {
  const since = Date.parse(dead.startedAt) - SLACK_MS;
  const marked: string[] = [];
  for (const summary of await store.listRuns()) {
    if (summary.status !== 'running' || Date.parse(summary.startedAt) < since) continue;
    const run = await store.getRun(summary.id);
    if (!run) continue;
    const lastTrial = run.trials
      .map((t) => t.finishedAt)
      .filter((t): t is string => t !== null)
      .sort()
      .at(-1);
    await store.saveRun({
      ...run,
      status: 'aborted',
      verdict: 'broken',
      finishedAt: lastTrial ?? run.startedAt,
      reason: `aborted: the process running it (pid ${dead.pid}, "${dead.command}") died without finishing (killed or crashed); found by pid ${process.pid} at ${new Date().toISOString()}. ${run.trials.length} trial(s) were measured before.`,
    });
    marked.push(run.id);
  }
  return marked;
}
