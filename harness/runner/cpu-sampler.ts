/**
 * CPU readings from /proc, once a second: the whole runner (all cores, from /proc/stat) and a browser's
 * process tree (from /proc/PID/stat of the browser and its descendants). The runner figure decides whether
 * a trial's measurements can be trusted: a saturated runner decodes late, sends less and joins slowly.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { CLOCK_TICKS, readAllProcStats, readProcStat } from '../system/proc-stat.ts';

interface CpuTimes {
  busy: number;
  total: number;
}

function readCpuTimes(): CpuTimes {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** Percent of all cores busy since the previous call. */
export class RunnerCpuSampler {
  private previous = readCpuTimes();
  readonly readings: number[] = [];

  sample(): number {
    const current = readCpuTimes();
    const total = current.total - this.previous.total;
    const pct = total > 0 ? (100 * (current.busy - this.previous.busy)) / total : 0;
    this.previous = current;
    this.readings.push(Math.round(pct * 10) / 10);
    return pct;
  }
}

function childrenOf(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const { pid, ppid } of readAllProcStats()) {
    const list = children.get(ppid) ?? [];
    list.push(pid);
    children.set(ppid, list);
  }
  return children;
}

export function processTree(root: number): number[] {
  return processTrees([root]);
}

/** the processes of several trees, from one reading of /proc */
export function processTrees(roots: number[]): number[] {
  const children = childrenOf();
  const out: number[] = [];
  const queue = [...roots];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

function treeTimes(pids: number[]): { ticks: number; rssMb: number } {
  let ticks = 0;
  let rssPages = 0;
  for (const stat of pids.map(readProcStat)) {
    if (!stat) continue; // gone
    ticks += stat.cpuTicks;
    rssPages += stat.rssPages;
  }
  return { ticks, rssMb: (rssPages * 4096) / 1024 / 1024 };
}

/** CPU (percent of one core) and memory of a browser's process tree between two calls. */
export class ProcessTreeSampler {
  private readonly root: number;
  private previous: { ticks: number; at: number } | null = null;

  constructor(root: number) {
    this.root = root;
  }

  sample(): { cpuPct: number | null; memoryMb: number } {
    const { ticks, rssMb } = treeTimes(processTree(this.root));
    const at = Date.now();
    const previous = this.previous;
    this.previous = { ticks, at };
    if (!previous || at === previous.at) return { cpuPct: null, memoryMb: Math.round(rssMb) };
    const cpuPct = (100 * (ticks - previous.ticks)) / CLOCK_TICKS / ((at - previous.at) / 1000);
    return { cpuPct: Math.round(cpuPct * 10) / 10, memoryMb: Math.round(rssMb) };
  }
}

export const CORES = os.cpus().length;
