/**
 * The browsers that hold several participants (shared, CDP, Grid): for a shared browser in a lab
 * namespace, the group's kernel rates over the window (a namespace is per process, so the kernel sees
 * the group, never one participant), and each shared browser's renderer processes at the end.
 */
import type { BrowserPool } from '../participants/browser-pool.ts';
import { poolBrowsers, type PoolBrowserRecord } from '../participants/pool-report.ts';
import type { Collector } from './collector.ts';
import { kernelRates } from './kernel-counters.ts';

export function browserGroupsCollector(pool: BrowserPool): Collector<PoolBrowserRecord[]> {
  let start: Awaited<ReturnType<BrowserPool['groupCounters']>> | null = null;
  return {
    name: 'browser groups',
    start: async () => {
      start = await pool.groupCounters();
    },
    sample: () => undefined,
    stop: async () => {
      // a window that never opened (nobody joined) has no rates and no renderers to count
      if (!start) return poolBrowsers(pool.browsers(), null, kernelRates);
      const counters = { start, end: await pool.groupCounters() };
      await pool.countRenderers();
      return poolBrowsers(pool.browsers(), counters, kernelRates);
    },
  };
}
