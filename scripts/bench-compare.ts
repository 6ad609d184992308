/**
 * npm run bench:compare — one meeting, run on the lab's real platforms one after the other, what each
 * costs this machine: the same participants (one shared browser, incognito contexts, videos decoded but
 * not painted, remote audio received but not played: the "after" of bench:density), the same media,
 * Janus and LiveKit alternated A/B/B/A over BENCH_ROUNDS rounds, so a machine that gets busier during
 * the night weighs on both alike. For each trial: whether everyone joined and decoded at least 80 % of
 * the frames sent, the runner CPU over the window (the rule of real runs), where the CPU went (browsers,
 * the SFU, meetbench), join p95 and what the participants carried.
 *
 * With listeners (BENCH_LISTENERS=0,4,8,12), one platform's meeting of BENCH_SENDERS senders is run with
 * each number of listeners (camera and microphone off, receiving everything), and the cost of one listener
 * is the slope of runner CPU against listeners (least squares over the valid sizes).
 *
 * Options (env): BENCH_PLATFORMS (janus,livekit), BENCH_SENDERS (8), BENCH_LISTENERS (0), BENCH_ROUNDS (2),
 * BENCH_MEDIA (320x180@15), BENCH_WINDOW_S (30), BENCH_WARMUP_S (5), BENCH_MAX_CPU (85),
 * BENCH_JANUS_PAGE (the adapter's default page, videoroomtest.html), BENCH_MICROPHONE (device | generated: the
 * senders' participants.media.microphone, default device).
 */
import { setMaxListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { janusVideoroomAdapter } from '../harness/adapters/janus-videoroom/index.ts';
import { livekitMeetAdapter } from '../harness/adapters/livekit-meet/index.ts';
import type { PlatformAdapter } from '../harness/adapters/platform-adapter.ts';
import { MICROPHONES, type Microphone } from '../harness/participants/audio-inputs.ts';
import { installCleanupHandlers, labDown, labUp } from '../harness/lab/index.ts';
import { runTrial } from '../harness/runner/run-trial.ts';
import { scenarioSchema } from '../harness/scenario/scenario-schema.ts';
import type { Trial } from '../results/run-record.ts';
import { mean, median } from '../results/statistics.ts';
import { openStore } from '../results/store/open-store.ts';
import { carried, decodedEnough, joinP95 } from './bench-trial-summary.ts';
import { startCpuByCommand, type CpuGroup } from './cpu-by-command.ts';
import { exitOnExpected } from './exit-on-expected.ts';

const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
function wholeNumbers(name: string, fallback: string, min: number): number[] {
  const values = env(name, fallback).split(',').map(Number);
  if (values.some((v) => !Number.isInteger(v) || v < min)) {
    process.stderr.write(`bench:compare: ${name} must be whole numbers of at least ${min}, comma-separated, got "${process.env[name] ?? ''}"\n`);
    process.exit(2);
  }
  return values;
}
const one = (name: string, fallback: string, min: number): number => wholeNumbers(name, fallback, min)[0]!;

const PLATFORMS: Record<string, { adapter: PlatformAdapter; options: Record<string, unknown> }> = {
  janus: { adapter: janusVideoroomAdapter, options: process.env.BENCH_JANUS_PAGE ? { page: process.env.BENCH_JANUS_PAGE } : {} },
  livekit: { adapter: livekitMeetAdapter, options: {} },
};
const platforms = env('BENCH_PLATFORMS', 'janus,livekit').split(',');
for (const id of platforms) {
  if (!PLATFORMS[id]) {
    process.stderr.write(`bench:compare: BENCH_PLATFORMS names "${id}"; expected some of ${Object.keys(PLATFORMS).join(', ')}\n`);
    process.exit(2);
  }
}
const senders = one('BENCH_SENDERS', '8', 1);
const listenerCounts = wholeNumbers('BENCH_LISTENERS', '0', 0);
const rounds = one('BENCH_ROUNDS', '2', 1);
const windowS = one('BENCH_WINDOW_S', '30', 1);
const warmupS = one('BENCH_WARMUP_S', '5', 0);
const maxCpuPct = one('BENCH_MAX_CPU', '85', 1);
const media = env('BENCH_MEDIA', '320x180@15');
const [width, height, fps] = media.split(/[x@]/).map(Number) as [number, number, number];
/** BENCH_MICROPHONE=generated: the senders' microphones generated in the page instead of Chromium's fake device (docs/scale.md) */
const microphone = env('BENCH_MICROPHONE', 'device') as Microphone;
if (!MICROPHONES.includes(microphone)) {
  process.stderr.write(`bench:compare: BENCH_MICROPHONE is "${microphone}"; expected ${MICROPHONES.join(' or ')}\n`);
  process.exit(2);
}
const started = Date.now();
const log = (m: string): void => {
  process.stderr.write(`[${Math.round((Date.now() - started) / 1000)} s] ${m}\n`);
};

installCleanupHandlers();
const dataDir = mkdtempSync(path.join(tmpdir(), 'mb-bench-compare-'));
const store = await openStore(dataDir);
const lab = await exitOnExpected(
  'bench:compare',
  labUp({ dataDir, platforms, rooms: { count: 4, maxPublishers: Math.max(12, senders + 1) }, waitMs: 600_000, onProgress: (m) => log(`lab: ${m}`) }),
  () => rmSync(dataDir, { recursive: true, force: true }),
);
const origin = (id: string): string => new URL(lab.state.platforms.find((p) => p.id === id)!.endpoints!.pageUrl.replace('{room}', '1')).origin;
const controller = new AbortController();
setMaxListeners(0, controller.signal);
process.on('SIGINT', () => controller.abort());

interface Point {
  platform: string;
  listeners: number;
  trial: Trial;
  cpu: Record<CpuGroup, number>;
  valid: boolean;
  why: string;
}

async function measure(platform: string, listeners: number, round: number): Promise<Point> {
  const { adapter, options } = PLATFORMS[platform]!;
  const count = senders + listeners;
  const scenario = scenarioSchema.parse({
    name: 'bench-compare',
    platforms: [{ id: platform, adapter: adapter.id, url: `lab:${platform}` }],
    participants: { count, receivers: listeners, media: { width, height, fps, microphone }, rampUpMs: 300 },
    durationS: windowS,
    warmupS,
    timeouts: { joinMs: 30_000, closeMs: 5_000 },
    runner: { maxCpuPct, browser: 'shared', isolation: 'context', render: false, playAudio: false },
  });
  const sampler = startCpuByCommand();
  const trial = await runTrial(
    {
      runId: 'bench-compare',
      trialId: `${platform}-s${senders}-l${listeners}-r${round}`,
      scenario,
      target: { id: platform, adapter: adapter.id, url: origin(platform), options },
      adapter,
      network: 'lan',
      repeat: round,
      useNamespaces: true,
      namespaceBase: 1,
    },
    store,
    { progress: () => undefined, signal: controller.signal },
  );
  const cpu = sampler.stop();
  const joined = trial.participants.filter((p) => p.joined && !p.error).length;
  const starved = decodedEnough(trial, fps);
  const failed = trial.participants.find((p) => !p.joined || p.error);
  const firstFailure = failed ? ` (first: ${failed.name} at ${failed.errorStep ?? '?'}: ${failed.error ?? 'not joined'})` : '';
  const why =
    joined < count ? `${joined}/${count} joined${firstFailure}` : (starved ?? (trial.runner.saturated ? `runner saturated: ${trial.runner.reason}` : 'valid'));
  return { platform, listeners, trial, cpu, valid: why === 'valid', why };
}

/** A/B/B/A: the platforms in order on odd rounds, reversed on even ones */
const order = (round: number): string[] => (round % 2 === 1 ? platforms : [...platforms].reverse());

const points: Point[] = [];
try {
  for (let round = 1; round <= rounds && !controller.signal.aborted; round++) {
    for (const platform of order(round)) {
      for (const listeners of round % 2 === 1 ? listenerCounts : [...listenerCounts].reverse()) {
        if (controller.signal.aborted) break;
        const point = await measure(platform, listeners, round);
        points.push(point);
        const t = point.trial;
        log(
          `round ${round} ${platform} ${senders} senders + ${listeners} listeners: ${point.why}; runner CPU ${t.runner.cpuPct.avg} % (max ${t.runner.cpuPct.max} %), over the trial browsers/SFU/meetbench ${point.cpu.browsers}/${point.cpu.sfu}/${point.cpu.meetbench} %, other ${point.cpu.other} %, join p95 ${joinP95(t)}; ${carried(t)}`,
        );
      }
    }
  }
} finally {
  if (!lab.reused) await labDown(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
}

/** least-squares slope of runner CPU against listeners, over valid points */
function costPerListener(list: Point[]): number | null {
  const xs = list.map((p) => p.listeners);
  const ys = list.map((p) => p.trial.runner.cpuPct.avg ?? 0);
  const mx = mean(xs);
  const my = mean(ys);
  if (mx === null || my === null || new Set(xs).size < 2) return null;
  const num = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i]! - my), 0);
  const den = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  return num / den;
}

const fmt = (v: number | null, unit = ' %'): string => (v === null ? '-' : `${v.toFixed(1)}${unit}`);
const rows: string[] = [];
for (const platform of platforms) {
  for (const listeners of listenerCounts) {
    const mine = points.filter((p) => p.platform === platform && p.listeners === listeners);
    if (mine.length === 0) continue;
    const valid = mine.filter((p) => p.valid);
    rows.push(
      `| ${platform} | ${senders} + ${listeners} | ${valid.length} of ${mine.length} | ${mine.map((p) => `${p.trial.runner.cpuPct.avg}`).join(', ')} % | ${fmt(median(mine.map((p) => p.trial.runner.cpuPct.avg)))} | ${fmt(median(mine.map((p) => p.cpu.browsers)))} | ${fmt(median(mine.map((p) => p.cpu.sfu)))} | ${fmt(median(mine.map((p) => p.cpu.meetbench)))} | ${joinP95(mine[0]!.trial)} |`,
    );
  }
}
const slopes =
  listenerCounts.length > 1
    ? platforms.map(
        (platform) => `${platform}: ${fmt(costPerListener(points.filter((p) => p.platform === platform && p.valid)), ' % of the machine per listener')}`,
      )
    : [];
process.stdout.write(
  [
    '',
    `bench:compare on ${os.hostname()}: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), load average at the end ${os.loadavg()[0]?.toFixed(1)}; ${media}${microphone === 'generated' ? ', generated microphones' : ''}, one shared browser (contexts, videos not painted, audio not played); warm-up ${warmupS} s, window ${windowS} s, ${rounds} rounds A/B/B/A; valid = everyone joined, decoded 80 % of the frames sent, runner under ${maxCpuPct} %; ${Math.round((Date.now() - started) / 60_000)} min`,
    '',
    '| platform | senders + listeners | valid runs | runner CPU of each run | median runner CPU | browsers | SFU | meetbench | join p95 (first run) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    ...(slopes.length > 0 ? ['', `cost of one listener (slope of runner CPU over valid runs): ${slopes.join('; ')}`] : []),
    '',
  ].join('\n'),
);
