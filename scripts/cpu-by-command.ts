/**
 * Where the runner's CPU went during a bench step, by command name (Chromium, the lab's SFU, this Node
 * process, the kernel's softirq threads, everything else), read from /proc every second.
 *
 * Why per command and not "this process and its reaped children": browsers die at the end of a trial
 * and their renderers are often killed before being reaped, so cumulative child times lose most of
 * their CPU (the first version of bench:density reported 28 % for browsers that top showed at 130 %).
 * Sampling every live process keeps the last reading of each, so a process that ends loses at most one
 * second; a process born after the start counts from zero.
 */
import os from 'node:os';
import { CLOCK_TICKS, readAllProcStats } from '../harness/system/proc-stat.ts';

export type CpuGroup = 'browsers' | 'sfu' | 'meetbench' | 'kernel' | 'other';

function groupOf(comm: string, pid: number): CpuGroup {
  if (pid === process.pid) return 'meetbench';
  if (comm.startsWith('chromium') || comm.startsWith('chrome')) return 'browsers';
  if (comm === 'janus' || comm === 'galene' || comm === 'livekit-server') return 'sfu';
  if (comm.startsWith('ksoftirqd') || comm.startsWith('kworker')) return 'kernel';
  return 'other';
}

/** pid → [group, utime + stime in ticks] for every live process */
function readAll(): Map<number, [CpuGroup, number]> {
  return new Map(readAllProcStats().map((stat) => [stat.pid, [groupOf(stat.comm, stat.pid), stat.cpuTicks]]));
}

/** Starts sampling; `stop()` returns each group's share of the whole machine (percent of all cores). */
export function startCpuByCommand(): { stop: () => Record<CpuGroup, number> } {
  const first = readAll();
  const last = new Map(first);
  const started = Date.now();
  const timer = setInterval(() => {
    for (const [pid, value] of readAll()) last.set(pid, value);
  }, 1000);
  return {
    stop: () => {
      clearInterval(timer);
      for (const [pid, value] of readAll()) last.set(pid, value);
      const seconds = (Date.now() - started) / 1000;
      const ticks: Record<CpuGroup, number> = { browsers: 0, sfu: 0, meetbench: 0, kernel: 0, other: 0 };
      for (const [pid, [group, now]] of last) ticks[group] += now - (first.get(pid)?.[1] ?? 0);
      const pct = (t: number): number => Math.round((100 * t) / CLOCK_TICKS / seconds / os.cpus().length);
      return { browsers: pct(ticks.browsers), sfu: pct(ticks.sfu), meetbench: pct(ticks.meetbench), kernel: pct(ticks.kernel), other: pct(ticks.other) };
    },
  };
}
