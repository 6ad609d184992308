/**
 * The lab for one describe block: up before its tests (or the running one reused), down after them
 * unless it was another's, and the lab's cleanup on SIGINT/SIGTERM meanwhile. Up once for the block, so a
 * saturated runner's trial is run again on the same lab.
 */
import { afterAll, beforeAll } from 'vitest';
import { installCleanupHandlers, labDown, labUp } from '../../harness/lab/index.ts';

export function labForBlock(dataDir: string, platforms: string[], waitMs: number): void {
  let reused = true;
  const uninstall = installCleanupHandlers();
  beforeAll(async () => {
    reused = (await labUp({ dataDir, platforms, waitMs })).reused;
  }, waitMs + 60_000);
  afterAll(async () => {
    if (!reused) await labDown(dataDir).catch(() => undefined);
    uninstall();
  });
}
