/**
 * The lab's own small services (a reconstruction's meeting service, the mesh signalling): TypeScript run
 * by Node inside a platform's namespace, with their output in a log beside it, and a `/health` URL the lab
 * polls until it says ready. A service that exits while starting fails the lab with its log's last lines.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HarnessError } from '../errors.ts';
import { isAlive } from '../system/processes.ts';
import { logTail, spawnInNamespace } from './namespace-spawn.ts';
import type { LabHost } from './reference-platform.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** @returns the service's pid (the `ip netns exec` that became it) */
export function spawnLabService(host: LabHost, script: string, args: string[], logName: string): { pid: number; log: string } {
  const log = path.join(host.workDir, logName);
  const pid = spawnInNamespace(host.namespace, process.execPath, ['--import', 'tsx', script, ...args], { logFile: log, cwd: REPO_ROOT });
  return { pid, log };
}

export interface HealthWait {
  /** what the service is, for messages ("the Carbonio meeting service") */
  what: string;
  url: string;
  /** processes that must stay alive meanwhile, with the log that says why one died */
  processes: Array<{ pid: number; name: string; log: string }>;
  timeoutMs: number;
  /** the health answer is ready (true), not yet (false), or says what is wrong for good (a string) */
  ready(body: unknown): boolean | string;
}

export async function waitForHealth(wait: HealthWait): Promise<void> {
  const deadline = Date.now() + wait.timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    const dead = wait.processes.find((p) => !isAlive(p.pid));
    if (dead) throw new HarnessError('LAB_FAILED', `${dead.name} (pid ${dead.pid}) exited while starting`, { details: logTail(dead.log) });
    try {
      const response = await fetch(wait.url, { signal: AbortSignal.timeout(1500) });
      const verdict = wait.ready(await response.json());
      if (verdict === true) return;
      if (typeof verdict === 'string') throw new HarnessError('LAB_FAILED', `${wait.what}: ${verdict}`, { details: logTail(wait.processes.at(-1)?.log ?? '') });
      last = `HTTP ${response.status}`;
    } catch (error) {
      if (error instanceof HarnessError) throw error;
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new HarnessError('LAB_FAILED', `${wait.what} did not answer on ${wait.url} within ${wait.timeoutMs} ms (${last})`, {
    details: wait.processes.flatMap((p) => logTail(p.log, 8)),
  });
}
