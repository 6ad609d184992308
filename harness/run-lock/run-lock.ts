/**
 * One run at a time per data directory. `meetbench run` and `meetbench nightly` take `DATA/run.lock`, a
 * small JSON file naming the holder (pid, process start time, start date, command). A second process
 * refuses at once with "already running (pid N, since T)" (exit 3) instead of waiting: a cron night that
 * overlaps the previous one must say so, not pile up.
 *
 * A lock whose holder is gone (kill -9, power loss) is taken over. "Gone" means the pid is not alive, or
 * it is alive but started at another time (/proc/PID/stat field 22): after a reboot or a long night the
 * pid may belong to an unrelated process. The check-and-write is done under a short proper-lockfile mutex
 * so two processes starting together cannot both take a stale lock.
 */
import { readFileSync, renameSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { HarnessError } from '../errors.ts';
import { identityOf, isSameProcessAlive } from '../system/processes.ts';

export const RUN_LOCK_FILE = 'run.lock';

export interface LockHolder {
  pid: number;
  /** clock ticks after boot at which the holder started (null when /proc is unreadable) */
  startTicks: number | null;
  startedAt: string;
  command: string;
}

export interface RunLock {
  holder: LockHolder;
  /** the dead holder whose lock was taken over, or null */
  takenOver: LockHolder | null;
  release(): void;
}

function readHolder(file: string): LockHolder | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
  try {
    const data = JSON.parse(text) as Partial<LockHolder>;
    if (typeof data.pid !== 'number' || typeof data.startedAt !== 'string') return 'unreadable';
    return {
      pid: data.pid,
      startTicks: typeof data.startTicks === 'number' ? data.startTicks : null,
      startedAt: data.startedAt,
      command: String(data.command ?? ''),
    };
  } catch {
    return 'unreadable';
  }
}

const isOurs = (holder: LockHolder): boolean => holder.pid === process.pid && holder.startTicks === identityOf(process.pid).startTicks;

export async function acquireRunLock(dataDir: string, command: string): Promise<RunLock> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, RUN_LOCK_FILE);
  let releaseMutex: () => Promise<void>;
  try {
    releaseMutex = await lockfile.lock(file, { realpath: false, stale: 10_000, retries: { retries: 20, minTimeout: 50, maxTimeout: 250 } });
  } catch (error) {
    throw new HarnessError('ALREADY_RUNNING', `cannot check the run lock ${file}: another meetbench is taking it right now`, {
      cause: error,
      hint: 'retry in a moment',
    });
  }
  let takenOver: LockHolder | null = null;
  const holder: LockHolder = { ...identityOf(process.pid), startedAt: new Date().toISOString(), command };
  try {
    const current = readHolder(file);
    if (typeof current === 'object') {
      if (isSameProcessAlive(current) && !isOurs(current)) {
        throw new HarnessError('ALREADY_RUNNING', `already running (pid ${current.pid}, since ${current.startedAt}): ${current.command}`, {
          hint: `one run at a time per data directory (${dataDir}); wait for it to finish, or stop it with kill ${current.pid}`,
        });
      }
      if (!isOurs(current)) takenOver = current;
    }
    // write then rename: a reader never sees a half-written lock
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(holder)}\n`);
    renameSync(temp, file);
  } finally {
    await releaseMutex().catch(() => undefined);
  }

  const removeIfOurs = (): void => {
    const now = readHolder(file);
    if (typeof now === 'object' && now.pid === holder.pid && now.startedAt === holder.startedAt) {
      try {
        unlinkSync(file);
      } catch {
        // already gone
      }
    }
  };
  // a forced exit (second Ctrl-C) still leaves no lock; kill -9 does, and the next run takes it over
  process.on('exit', removeIfOurs);
  return {
    holder,
    takenOver,
    release: () => {
      process.off('exit', removeIfOurs);
      removeIfOurs();
    },
  };
}
