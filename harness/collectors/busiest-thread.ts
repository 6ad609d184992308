/**
 * The busiest single thread of the participants' browsers over the measurement window.
 *
 * The runner CPU (whole machine) misses one kind of saturation: a thread that serves several participants
 * at once — the renderer shared by pages of one profile (its main thread, its WebRTC network thread),
 * or a shared browser's audio and network services — can be busy all the time while the machine still
 * has cores to spare. Its participants then wait on each other (late packets, late frames, slow joins)
 * and the figures describe the runner. A thread busy 90 % of one core or more over the window makes the
 * trial inconclusive (results/summary/runner-health.ts).
 */
import type { BusiestThread } from '../../results/summary/runner-health.ts';
import type { Collector } from './collector.ts';
import { processTrees } from '../system/process-tree.ts';
import { CLOCK_TICKS, readProcStat } from '../system/proc-stat.ts';
import type { ProcStat } from '../system/proc-stat.ts';
import { readThreadTicks, type ThreadTicks } from '../system/thread-cpu.ts';

export type { BusiestThread };

function treeThreads(roots: number[]): Map<string, ThreadTicks> {
  const processes = processTrees(roots)
    .map(readProcStat)
    .filter((p): p is ProcStat => p !== null);
  return readThreadTicks(processes);
}

/** starts watching the process trees of `roots` (browser pids); the returned function ends the window */
export function watchBusiestThread(roots: number[]): () => BusiestThread | null {
  const first = treeThreads(roots);
  const started = Date.now();
  return () => {
    const seconds = (Date.now() - started) / 1000;
    if (roots.length === 0 || seconds <= 0) return null;
    let busiest: BusiestThread | null = null;
    // a thread born during the window counts from zero; one that ended is gone from both readings
    for (const [id, now] of treeThreads(roots)) {
      const pctOfCore = Math.round(((100 * (now.ticks - (first.get(id)?.ticks ?? 0))) / CLOCK_TICKS / seconds) * 10) / 10;
      if (!busiest || pctOfCore > busiest.pctOfCore) busiest = { thread: `${now.kind} ${now.thread}`, pctOfCore };
    }
    return busiest;
  };
}

/** the busiest thread of the browsers' process trees between the window's start and its end */
export function busiestThreadCollector(browserPids: () => number[]): Collector<BusiestThread | null> {
  let end: (() => BusiestThread | null) | null = null;
  return {
    name: 'busiest thread',
    start: () => {
      end = watchBusiestThread(browserPids());
    },
    sample: () => undefined,
    stop: () => end?.() ?? null,
  };
}
