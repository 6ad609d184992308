/**
 * One process's line of /proc/PID/stat, parsed once for every reader (the runner's CPU samplers and the
 * density bench). The command name (field 2) may contain spaces and parentheses: fields are counted after
 * its last ')'.
 */
import { readFileSync, readdirSync } from 'node:fs';

export const CLOCK_TICKS = 100; // USER_HZ on Linux

export interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  /** user + system CPU time, in CLOCK_TICKS */
  cpuTicks: number;
  rssPages: number;
}

/** null when the process is gone (or ended while we read) */
export function readProcStat(pid: number): ProcStat | null {
  return readStatFile(`/proc/${pid}/stat`, pid);
}

/** /proc/PID/stat or a thread's /proc/PID/task/TID/stat (same format; `pid` is then the thread id) */
export function readStatFile(file: string, pid: number): ProcStat | null {
  let stat: string;
  try {
    stat = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const close = stat.lastIndexOf(')');
  // after the name: state [0], ppid [1], ... utime [11], stime [12], ... rss [21]
  const rest = stat.slice(close + 2).split(' ');
  return {
    pid,
    comm: stat.slice(stat.indexOf('(') + 1, close),
    ppid: Number(rest[1]),
    cpuTicks: Number(rest[11]) + Number(rest[12]),
    rssPages: Number(rest[21]),
  };
}

/** every live process */
export function readAllProcStats(): ProcStat[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => readProcStat(Number(entry)))
    .filter((stat): stat is ProcStat => stat !== null);
}
