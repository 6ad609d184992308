/**
 * A participant browser's CPU (percent of one core) and memory, from /proc/PID/stat of the browser and its
 * descendants: the `cpu_pct` and `memory_mb` of a participant that has a browser of its own.
 */
import { CLOCK_TICKS, readProcStat } from '../system/proc-stat.ts';
import { processTree } from '../system/process-tree.ts';
import type { ParticipantSource } from './participant-source.ts';

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

export function browserProcessSource(browserPid: number): ParticipantSource {
  const sampler = new ProcessTreeSampler(browserPid);
  return { name: 'browser process', read: async () => sampler.sample() };
}
