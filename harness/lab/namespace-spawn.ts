/**
 * Starting a long-lived server inside a lab namespace. `ip netns exec` enters the namespace and execs the
 * command, so the pid we get is the server's own pid. Servers are detached (own process group) so a
 * Ctrl-C on the terminal reaches meetbench, which then tears them down in order, and so `lab up` can return
 * while they keep running. Their output goes to a log file in the lab work dir.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { HarnessError } from '../errors.ts';

export function spawnInNamespace(namespace: string, command: string, args: string[], options: { logFile: string; cwd?: string }): number {
  const log = openSync(options.logFile, 'w');
  try {
    const child = spawn('ip', ['netns', 'exec', namespace, command, ...args], {
      cwd: options.cwd,
      detached: true,
      stdio: ['ignore', log, log],
    });
    if (child.pid === undefined) throw new HarnessError('LAB_FAILED', `could not start ${command} in ${namespace}`);
    child.unref();
    return child.pid;
  } finally {
    closeSync(log);
  }
}

/** The last lines of a log, for error messages that say why a server did not come up. */
export function logTail(file: string, lines = 15): string[] {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines);
  } catch {
    return [`(no log at ${file})`];
  }
}
