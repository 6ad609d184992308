/**
 * One writer at a time across processes (lowdb corrupts a file that two processes write, lowdb#333).
 * proper-lockfile makes an atomic `mkdir` lock next to the file, refreshes it while held and treats a
 * lock not refreshed for `stale` ms as left by a dead process, so a kill -9 never blocks the store forever.
 */
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { ExpectedError } from '../errors.ts';

export async function withFileLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  // a read-only or unwritable folder is not "locked by another process": say so at once instead of retrying
  try {
    await fs.access(path.dirname(file), constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ExpectedError('STORE_WRITE_FAILED', `cannot write the results store ${file}: its folder is not writable (${code})`, {
      hint: 'make the data directory writable (or choose another with --data-dir)',
      cause: error,
    });
  }
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      stale: 10_000,
      update: 2_000,
      retries: { retries: 60, factor: 1.2, minTimeout: 50, maxTimeout: 500 },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code && code !== 'ELOCKED') {
      throw new ExpectedError('STORE_WRITE_FAILED', `cannot lock the results store ${file} (${code}: ${(error as Error).message})`, { cause: error });
    }
    throw new ExpectedError('STORE_LOCKED', `the results store ${file} stayed locked by another process`, {
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
