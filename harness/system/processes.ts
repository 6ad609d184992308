/**
 * Process identity and termination. A pid alone can be reused by an unrelated process after a crash, so an
 * owner is identified by pid plus its start time (field 22 of /proc/PID/stat), and we only kill recorded
 * server pids whose command line still looks like ours.
 */
import { readFileSync } from 'node:fs';
import { sleepSync } from './exec.ts';

export interface ProcessIdentity {
  pid: number;
  /** clock ticks after boot at which the process started; null when unknown */
  startTicks: number | null;
}

export function startTicksOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may contain spaces and parentheses: count fields after the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

export function identityOf(pid: number): ProcessIdentity {
  return { pid, startTicks: startTicksOf(pid) };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // a zombie answers kill(0) but is dead for our purposes
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export function isSameProcessAlive(identity: ProcessIdentity): boolean {
  if (!isAlive(identity.pid)) return false;
  return identity.startTicks === null || startTicksOf(identity.pid) === identity.startTicks;
}

export function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return '';
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** SIGTERM, wait up to graceMs for all to exit, then SIGKILL the rest. Synchronous: usable in exit hooks. */
export function terminateSync(pids: number[], graceMs = 3000): void {
  const targets = pids.filter((pid) => pid !== process.pid && isAlive(pid));
  for (const pid of targets) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && targets.some(isAlive)) sleepSync(50);
  for (const pid of targets.filter(isAlive)) signal(pid, 'SIGKILL');
  const killDeadline = Date.now() + 2000;
  while (Date.now() < killDeadline && targets.some(isAlive)) sleepSync(20);
}
