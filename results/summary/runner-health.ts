/**
 * Is the runner trustworthy? On 2 cores, browsers that run out of CPU decode late, send less and join
 * slowly (at 94 % CPU, 19 of 30 fps were received). Such numbers describe the runner, not the platform,
 * so the trial is marked inconclusive with the reason instead of being judged.
 */
import type { RunnerHealth } from '../run-record.ts';
import { mean, roundTenth } from '../statistics.ts';

/** share of one-second readings at or above 97 % that also makes a runner saturated (bursts, not just the mean) */
const PEGGED_SHARE = 0.3;
/** a thread of the participants' browsers busy this much of one core over the window serves a queue */
export const BUSY_THREAD_PCT = 90;

export interface BusiestThread {
  /** "renderer WebRTC_W_and_N", "AudioService AudioProcessing", ... */
  thread: string;
  /** percent of one core over the window */
  pctOfCore: number;
}

export interface RunnerReadings {
  /** runner CPU, percent of all cores, one reading a second */
  readings: number[];
  cores: number;
  /** the 1-minute load average, for the record */
  loadAvg: number;
  busiest?: BusiestThread | null;
}

export function judgeRunner({ readings, cores, loadAvg, busiest = null }: RunnerReadings, maxCpuPct: number): RunnerHealth {
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
