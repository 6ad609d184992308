/**
 * Running the system tools the lab is made of (`ip`, `nft`, `kill`). Set-up is async so the runner's event
 * loop keeps turning; tear-down is synchronous because it must also work inside a process 'exit' hook,
 * where no promise ever settles.
 */
import { execFile, execFileSync } from 'node:child_process';
import { HarnessError } from '../errors.ts';

const TIMEOUT_MS = 20_000;

function failure(cmd: string, args: string[], error: unknown): HarnessError {
  const stderr = (error as { stderr?: string | Buffer }).stderr?.toString().trim();
  const reason = stderr || (error instanceof Error ? error.message : String(error));
  return new HarnessError('LAB_FAILED', `${cmd} ${args.join(' ')} failed: ${reason}`, { cause: error });
}

/** Run a command and return its stdout; a non-zero exit becomes a LAB_FAILED error naming the command. */
export function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { encoding: 'utf8', timeout: TIMEOUT_MS }, (error, stdout, stderr) => {
      if (error) reject(failure(cmd, args, Object.assign(error, { stderr })));
      else resolve(stdout);
    });
  });
}

export function runSync(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', timeout: TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw failure(cmd, args, error);
  }
}

/** For tear-down: the thing may already be gone, which is what we wanted anyway. */
export function tryRunSync(cmd: string, args: string[]): string | null {
  try {
    return runSync(cmd, args);
  } catch {
    return null;
  }
}

/** Blocks the thread; only for tear-down paths that cannot await (exit hooks). */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
