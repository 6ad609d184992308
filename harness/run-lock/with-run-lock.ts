/** Runs `work` holding the data directory's run lock; a lock left by a dead process is taken over and its run marked aborted. */
import { openStore } from '../../results/store/open-store.ts';
import { markAbortedRuns } from './mark-aborted.ts';
import { acquireRunLock } from './run-lock.ts';
import { reapOrphanBrowsers } from '../participants/reap-orphan-browsers.ts';

export async function withRunLock<T>(dataDir: string, command: string, work: () => Promise<T>, progress: (message: string) => void): Promise<T> {
  const lock = await acquireRunLock(dataDir, command);
  try {
    if (lock.takenOver) {
      const dead = lock.takenOver;
      const marked = await markAbortedRuns(await openStore(dataDir), dead);
      progress(
        `took over the run lock of pid ${dead.pid} (since ${dead.startedAt}, no longer running)${marked.length > 0 ? `; marked its run ${marked.join(', ')} aborted` : ''}`,
      );
    }
    // browsers of killed runs that did not exit by themselves (frozen), outside any lab namespace
    const orphans = reapOrphanBrowsers();
    if (orphans.killed.length > 0) progress(`killed ${orphans.killed.length} orphaned browser(s) of dead runs (pid ${orphans.killed.join(', ')})`);
    return await work();
  } finally {
    lock.release();
  }
}
