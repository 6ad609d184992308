/**
 * CPU time by thread, for Chromium and Janus processes: Chromium's processes all call themselves
 * "chromium", so the kind (renderer, AudioService, NetworkService, browser...) comes from the command
 * line, and the thread names (WebRTC_W_and_N, AudioProcessing, Chrome_ChildIOThread...) from
 * /proc/PID/task/TID/stat. Read by the runner's busiest-thread check and by `npm run profile:threads`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { ProcStat } from './proc-stat.ts';
import { readStatFile } from './proc-stat.ts';

/** "renderer", "AudioService", "NetworkService", "browser"... from Chromium's --type / --utility-sub-type */
export function processKind(pid: number, comm: string): string | null {
  if (comm === 'janus') return 'janus';
  if (!comm.startsWith('chrom')) return null;
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return null;
  }
  const sub = /--utility-sub-type=(\S+)/.exec(cmdline)?.[1];
  if (sub) return sub.split('.').pop() ?? sub;
  return /--type=(\S+)/.exec(cmdline)?.[1] ?? 'browser';
}

export interface ThreadTicks {
  /** process kind, see processKind */
  kind: string;
  /** the thread's name without its trailing digits (ThreadPoolForegroundWorker3 → ThreadPoolForegroundWorker) */
  thread: string;
  /** user + system time, in CLOCK_TICKS */
  ticks: number;
}

/** every thread of the given processes that processKind recognises, by "pid/tid" */
export function readThreadTicks(processes: ProcStat[]): Map<string, ThreadTicks> {
  const threads = new Map<string, ThreadTicks>();
  for (const proc of processes) {
    const kind = processKind(proc.pid, proc.comm);
    if (!kind) continue;
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${proc.pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const stat = readStatFile(`/proc/${proc.pid}/task/${tid}/stat`, Number(tid));
      if (stat) threads.set(`${proc.pid}/${tid}`, { kind, thread: stat.comm.replace(/\d+$/, ''), ticks: stat.cpuTicks });
    }
  }
  return threads;
}
