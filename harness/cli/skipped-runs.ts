/**
 * A command that reads stored runs says which ones it leaves out (they do not match the run-record schema:
 * hand-edited, or written by a broken tool), so one bad run is named instead of crashing it or vanishing silently.
 */
import { describeSkippedRun } from '../../results/store/check-stored-run.ts';
import type { ResultsStore } from '../../results/store/results-store.ts';
import { info } from './output.ts';

const SHOWN = 10;

export async function warnSkippedRuns(store: ResultsStore): Promise<void> {
  const { skipped } = await store.readRuns();
  for (const run of skipped.slice(0, SHOWN)) info(`skipped stored run ${describeSkippedRun(run)} (left in the store as it is)`);
  if (skipped.length > SHOWN) info(`… and ${skipped.length - SHOWN} more stored runs skipped`);
}
