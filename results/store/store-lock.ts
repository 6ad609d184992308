/**
 * One writer at a time across processes (lowdb corrupts a file that two processes write, lowdb#333).
 * proper-lockfile makes an atomic `mkdir` lock next to the file, refreshes it while held and treats a
 * lock not refreshed for `stale` ms as left by a dead process, so a kill -9 never blocks the store forever.
 */
import lockfile from 'proper-lockfile';
import { ExpectedError } from '../expected-error.ts';

export async function withFileLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      stale: 10_000,
      update: 2_000,
      retries: { retries: 60, factor: 1.2, minTimeout: 50, maxTimeout: 500 },
    });
  } catch (error) {
    throw new ExpectedError('STORE_LOCKED', 3, `the results store ${file} stayed locked by another process`, {
      hint: 'another meetbench process is writing; retry when it is done',
      cause: error,
    });
  }
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}
