/** `reapStale()`: the reaper as a public call, under the lab lock (see teardown.ts for what is stale). */
import { withLabLock } from './lab-state.ts';
import { requireRoot } from '../system/require-root.ts';
import { reapStaleSync, type ReapResult } from './teardown.ts';

export async function reapStale(): Promise<ReapResult> {
  requireRoot('reaping the lab');
  return withLabLock(async () => reapStaleSync());
}
