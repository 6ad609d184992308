/**
 * npm run profile:threads -- [seconds] [delay] — where the browsers' CPU goes, by Chromium process type
 * and thread name, over one window: run it beside a trial or `npm run bench:density` (with BENCH_SIZES and
 * a long BENCH_WINDOW_S) to see which part of a participant costs what. Debian's Chromium has no symbols,
 * so a perf profile names threads, not functions; thread names are what this reads, from
 * /proc/PID/task/TID/stat for every Chromium and Janus process. Figures are percent of the whole machine
 * (all cores), like the runner CPU. Used for the measurements in docs/scale.md.
 */
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLOCK_TICKS, readAllProcStats } from '../harness/system/proc-stat.ts';
import { readThreadTicks } from '../harness/system/thread-cpu.ts';

const [seconds = 20, delay = 0] = process.argv.slice(2).map(Number);

/** "kind|thread name" → ticks, for every thread of every Chromium and Janus process */
function readThreads(): Map<string, { key: string; ticks: number }> {
  const threads = new Map<string, { key: string; ticks: number }>();
  for (const [id, { kind, thread, ticks }] of readThreadTicks(readAllProcStats())) threads.set(id, { key: `${kind}|${thread}`, ticks });
  return threads;
}

await sleep(delay * 1000);
const first = readThreads();
const started = Date.now();
await sleep(seconds * 1000);
const last = readThreads();
const elapsed = (Date.now() - started) / 1000;
const pct = (ticks: number): number => (100 * ticks) / CLOCK_TICKS / elapsed / os.cpus().length;

const byThread = new Map<string, number>();
const byKind = new Map<string, number>();
for (const [id, { key, ticks }] of last) {
  const used = ticks - (first.get(id)?.ticks ?? 0);
  byThread.set(key, (byThread.get(key) ?? 0) + used);
  const kind = key.split('|')[0] as string;
  byKind.set(kind, (byKind.get(kind) ?? 0) + used);
}
const rows = (map: Map<string, number>, limit: number): string[] =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .filter(([, ticks]) => pct(ticks) >= 0.1)
    .map(([key, ticks]) => `| ${key.replace('|', ' | ')} | ${pct(ticks).toFixed(1)} % |`);
const total = [...byKind.values()].reduce((a, b) => a + b, 0);
process.stdout.write(
  [
    `CPU over ${elapsed.toFixed(0)} s, percent of the whole machine (${os.cpus().length} cores): ${pct(total).toFixed(1)} % in Chromium and Janus`,
    '',
    '| process | share |',
    '| --- | --- |',
    ...rows(byKind, 12),
    '',
    '| process | thread | share |',
    '| --- | --- | --- |',
    ...rows(byThread, 20),
    '',
  ].join('\n'),
);
