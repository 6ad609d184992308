/**
 * npm run bench:collector — what the in-page collector costs. The same participants join the same lab
 * Janus room twice, once with the collector injected and sampled every second like a real trial, once
 * without (same fake media), alternating A/B/A/B so drift of the machine hits both alike. The CPU of each
 * participant's browser process tree is read from /proc over the same window. Prints the figures; the
 * target is under 2 % of one core per participant.
 *
 * Options (env): BENCH_PARTICIPANTS (default 2), BENCH_SECONDS (window, default 20), BENCH_ROUNDS (default 2).
 */
import { mean as meanOrNull } from '../results/statistics.ts';

const mean = (values: number[]): number => meanOrNull(values) ?? NaN;
import { janusVideoroomAdapter } from '../harness/adapters/janus-videoroom/index.ts';
import { createParticipantNamespace, installCleanupHandlers, labDown, labUp, removeParticipantNamespace } from '../harness/lab/index.ts';
import { CHROMIUM_PATH } from '../harness/participants/chromium-flags.ts';
import { Participant } from '../harness/participants/participant.ts';
import { ProcessTreeSampler } from '../harness/collectors/browser-process.ts';
import { CORES, RunnerCpuSampler } from '../harness/collectors/runner-cpu.ts';
import { exitOnExpected } from './exit-on-expected.ts';

const participants = Number(process.env.BENCH_PARTICIPANTS ?? 2);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

installCleanupHandlers();
const dataDir = `/tmp/meetbench-bench-collector`;
const lab = await exitOnExpected('bench:collector', labUp({ dataDir, platforms: ['janus'], onProgress: (m) => process.stderr.write(`lab: ${m}\n`) }));
const janus = lab.state.platforms.find((p) => p.id === 'janus');
if (!janus?.endpoints) throw new Error('the lab has no Janus');
const url = new URL(janus.endpoints.pageUrl.replace('{room}', '1')).origin;

async function measure(collect: boolean, round: number): Promise<{ perParticipant: number[]; runner: number }> {
  const members = [];
  for (let i = 0; i < participants; i += 1) {
    const ns = await createParticipantNamespace(150 + i, { chromiumPath: CHROMIUM_PATH });
    const participant = new Participant({
      info: { name: `bench${i + 1}`, index: i, role: 'sender', room: String(3 + round), roomMembers: Array.from({ length: participants }, (_, j) => `bench${j + 1}`) },
      platform: { id: 'janus', adapter: janusVideoroomAdapter.id, url, options: {} },
      adapter: janusVideoroomAdapter,
      media: { width: 320, height: 180, fps: 15 },
      joinTimeoutMs: 30_000,
      closeTimeoutMs: 5_000,
      wrapper: ns.chromiumWrapper,
      insecureOrigins: [url],
      artifactDir: '/tmp',
      collect,
    });
    members.push({ participant, ns });
  }
  try {
    for (const m of members) {
      const outcome = await m.participant.join();
      if (!outcome.joined) throw new Error(`${m.participant.name} did not join: ${outcome.error}`);
    }
    await sleep(5_000); // warm-up: encoders settle, subscriptions done
    const samplers = members.map((m) => new ProcessTreeSampler(m.participant.browserPid!));
    const runner = new RunnerCpuSampler();
    samplers.forEach((s) => s.sample());
    const readings: number[][] = members.map(() => []);
    for (let t = 1; t <= seconds; t += 1) {
      await sleep(1000);
      // the collector's cost includes being sampled every second, as in a trial
      if (collect) await Promise.all(members.map((m) => m.participant.sample(t)));
      runner.sample();
    }
    samplers.forEach((s, i) => readings[i]!.push(s.sample().cpuPct ?? 0));
    return { perParticipant: readings.map((r) => r[0]!), runner: mean(runner.readings) };
  } finally {
    for (const m of members) {
      await m.participant.close();
      await removeParticipantNamespace(m.ns);
    }
  }
}

const results: Record<'with' | 'without', number[]> = { with: [], without: [] };
const runnerCpu: number[] = [];
try {
  for (let round = 0; round < rounds; round += 1) {
    for (const collect of round % 2 === 0 ? [true, false] : [false, true]) {
      const r = await measure(collect, round);
      results[collect ? 'with' : 'without'].push(...r.perParticipant);
      runnerCpu.push(r.runner);
      process.stderr.write(`round ${round + 1} ${collect ? 'with   ' : 'without'} collector: ${r.perParticipant.map((v) => `${v.toFixed(1)} %`).join(', ')} of one core per participant\n`);
    }
  }
} finally {
  if (!lab.reused) await labDown(dataDir);
}

const withAvg = mean(results.with);
const withoutAvg = mean(results.without);
const cost = withAvg - withoutAvg;
const lines = [
  '',
  `collector cost, ${participants} participant(s) in one Janus room, 320x180@15, ${seconds} s windows, ${rounds} round(s), ${CORES} cores, runner CPU avg ${mean(runnerCpu).toFixed(0)} %`,
  `  browser CPU per participant with collector:    ${withAvg.toFixed(2)} % of one core`,
  `  browser CPU per participant without collector: ${withoutAvg.toFixed(2)} % of one core`,
  `  collector cost per participant:                ${cost.toFixed(2)} % of one core (target < 2 %) ${cost < 2 ? 'OK' : 'ABOVE TARGET'}`,
];
process.stdout.write(`${lines.join('\n')}\n`);
