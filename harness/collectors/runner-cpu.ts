/**
 * The runner's CPU, every second, from /proc/stat: the whole machine, all cores. It decides whether a
 * trial's measurements can be trusted (results/summary/runner-health.ts): a saturated runner decodes
 * late, sends less and joins slowly. It reads from the trial's start, so a window cut short still has
 * the joins' readings to judge by.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Collector } from './collector.ts';

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

export const CORES = os.cpus().length;

export interface RunnerCpuReadings {
  /** one reading a second over the window; the whole trial's when the window never opened */
  readings: number[];
  cores: number;
  /** the 1-minute load average when the window closed */
  loadAvg: number;
}

/** reads every second from its creation (the trial's start) on its own timer; `start` marks the window */
export function runnerCpuCollector(): Collector<RunnerCpuReadings> {
  const sampler = new RunnerCpuSampler();
  const timer = setInterval(() => sampler.sample(), 1000);
  let windowStart: number | null = null;
  return {
    name: 'runner CPU',
    start: () => {
      windowStart = sampler.readings.length;
    },
    sample: () => undefined,
    stop: () => {
      clearInterval(timer);
      const window = windowStart === null ? [] : sampler.readings.slice(windowStart);
      return { readings: window.length > 0 ? window : [...sampler.readings], cores: CORES, loadAvg: Math.round((os.loadavg()[0] ?? 0) * 100) / 100 };
    },
  };
}
