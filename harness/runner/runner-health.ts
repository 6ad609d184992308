/**
 * Is the runner trustworthy? On 2 cores, browsers that run out of CPU decode late, send less and join
 * slowly (environment.md: 94 % CPU gave 19 of 30 fps). Such numbers describe the runner, not the
 * platform, so the trial is marked inconclusive with the reason instead of being judged.
 */
import type { RunnerHealth } from '../../results/run-record.ts';
import { mean, roundTenth } from '../../results/statistics.ts';
import os from 'node:os';
import type { BusiestThread } from './busiest-thread.ts';

/** share of one-second readings at or above 97 % that also makes a runner saturated (bursts, not just the mean) */
const PEGGED_SHARE = 0.3;
/** a thread of the participants' browsers busy this much of one core over the window serves a queue (busiest-thread.ts) */
export const BUSY_THREAD_PCT = 90;

export function judgeRunner(readings: number[], maxCpuPct: number, cores: number, busiest: BusiestThread | null = null): RunnerHealth {
  const loadAvg = Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
  const thread = busiest ? { busiestThread: busiest } : {};
  if (readings.length === 0) return { cpuPct: { avg: null, max: null }, saturated: false, reason: null, cores, loadAvg, ...thread };
  const avg = roundTenth(mean(readings) as number);
  const max = Math.max(...readings);
  const pegged = readings.filter((r) => r >= 97).length / readings.length;
  let reason: string | null = null;
  if (avg > maxCpuPct) reason = `runner CPU averaged ${avg} % of ${cores} cores (limit ${maxCpuPct} %): measurements describe the runner, not the platform`;
  else if (pegged >= PEGGED_SHARE) reason = `runner CPU was at 97 % or more for ${Math.round(pegged * 100)} % of the window`;
  else if (busiest && busiest.pctOfCore >= BUSY_THREAD_PCT) {
    reason = `one thread of the participants' browsers (${busiest.thread}) was busy ${busiest.pctOfCore} % of a core (limit ${BUSY_THREAD_PCT} %): the participants it serves waited on each other`;
  }
  return { cpuPct: { avg, max }, saturated: reason !== null, reason, cores, loadAvg, ...thread };
}
