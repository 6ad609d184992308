/**
 * One measured meeting for the benchmarks: N participants join one room of the lab's Janus, each in its
 * own namespace and browser, with the given media; after a 5-s warm-up, each participant browser's
 * process tree and the runner's CPU are read over the window. What a trial does each second is done too:
 * the collector sampled (`collect`), the receivers' quality read (`quality`, with its collector, as
 * measure-window.ts does), so their cost is in the figures.
 */
import { janusVideoroomAdapter } from '../harness/adapters/janus-videoroom/index.ts';
import { ProcessTreeSampler } from '../harness/collectors/browser-process.ts';
import { qualityCollector } from '../harness/collectors/quality.ts';
import { RunnerCpuSampler } from '../harness/collectors/runner-cpu.ts';
import { createParticipantNamespace, installCleanupHandlers, labDown, labUp, removeParticipantNamespace } from '../harness/lab/index.ts';
import { CHROMIUM_PATH } from '../harness/participants/chromium-flags.ts';
import { Participant, type SenderMedia } from '../harness/participants/participant.ts';
import { PICTURE_EVERY_MS } from '../harness/participants/quality-page-script.ts';
import { mean as meanOrNull } from '../results/statistics.ts';
import { exitOnExpected } from './exit-on-expected.ts';

export const mean = (values: number[]): number => meanOrNull(values) ?? NaN;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** the lab's Janus for a benchmark (reused when one runs), its origin, and how to leave it as found */
export async function benchLab(script: string): Promise<{ url: string; done(): Promise<void> }> {
  installCleanupHandlers();
  const dataDir = `/tmp/meetbench-${script.replace(':', '-')}`;
  const lab = await exitOnExpected(script, labUp({ dataDir, platforms: ['janus'], onProgress: (m) => process.stderr.write(`lab: ${m}\n`) }));
  const janus = lab.state.platforms.find((p) => p.id === 'janus');
  if (!janus?.endpoints) throw new Error('the lab has no Janus');
  return {
    url: new URL(janus.endpoints.pageUrl.replace('{room}', '1')).origin,
    done: async () => {
      if (!lab.reused) await labDown(dataDir);
    },
  };
}

export interface RoomOptions {
  /** the lab Janus's origin */
  url: string;
  participants: number;
  media: SenderMedia;
  /** the in-page collector injected and sampled every second */
  collect: boolean;
  /** the receivers' quality measurement injected and read every second */
  quality: boolean;
  seconds: number;
  /** a room of its own per measurement, so a late leaver never shares one */
  room: number;
}

export interface RoomFigures {
  /** each participant browser's CPU over the window, % of one core */
  perParticipant: number[];
  /** the runner's CPU over the window, % of all cores */
  runner: number;
}

export async function measureRoom(options: RoomOptions): Promise<RoomFigures> {
  const { url, participants } = options;
  const members = [];
  for (let i = 0; i < participants; i += 1) {
    const ns = await createParticipantNamespace(150 + i, { chromiumPath: CHROMIUM_PATH });
    const participant = new Participant({
      info: {
        name: `bench${i + 1}`,
        index: i,
        role: 'sender',
        room: String(options.room),
        roomMembers: Array.from({ length: participants }, (_, j) => `bench${j + 1}`),
      },
      platform: { id: 'janus', adapter: janusVideoroomAdapter.id, url, options: {} },
      adapter: janusVideoroomAdapter,
      media: options.media,
      joinTimeoutMs: 30_000,
      closeTimeoutMs: 5_000,
      wrapper: ns.chromiumWrapper,
      insecureOrigins: [url],
      artifactDir: '/tmp',
      collect: options.collect,
      ...(options.quality
        ? { quality: { capture: { width: options.media.width, height: options.media.height }, pictureEveryMs: PICTURE_EVERY_MS, audio: true } }
        : {}),
    });
    members.push({ participant, ns });
  }
  try {
    for (const m of members) {
      const outcome = await m.participant.join();
      if (!outcome.joined) throw new Error(`${m.participant.name} did not join: ${outcome.error}`);
    }
    await sleep(5_000); // warm-up: encoders settle, subscriptions done
    const receivers = options.quality ? qualityCollector(members.map((m) => ({ participant: m.participant, joined: () => true }))) : null;
    await receivers?.collector.start();
    const samplers = members.map((m) => new ProcessTreeSampler(m.participant.browserPid!));
    const runner = new RunnerCpuSampler();
    samplers.forEach((s) => s.sample());
    const opened = Date.now();
    for (let t = 1; t <= options.seconds; t += 1) {
      await sleep(Math.max(0, opened + t * 1000 - Date.now()));
      // what a trial does each second, so its cost is counted
      await Promise.all(
        members.map(async (m, i) => {
          if (options.collect) await m.participant.sample(t);
          await receivers?.source(i).read(t);
        }),
      );
      runner.sample();
    }
    const perParticipant = samplers.map((s) => s.sample().cpuPct ?? 0);
    await receivers?.collector.stop();
    return { perParticipant, runner: mean(runner.readings) };
  } finally {
    for (const m of members) {
      await m.participant.close();
      await removeParticipantNamespace(m.ns);
    }
  }
}
