/**
 * Speaking in turns: 4 participants with generated microphones take turns of 3 s. Each one's audio level
 * sent (getStats audio energy, each second) is sound in its turns and silence in the others', as the
 * schedule says, and only one talks at a time. What receivers get follows, on both kinds of platform:
 * - the lab's Janus VideoRoom forwards every stream as sent: a receiver gets what the three others sent
 *   (the talker's voice and the others' silence), and never its own voice;
 * - the lab's Carbonio media plane mixes (Janus AudioBridge): a receiver gets one mixed stream, which
 *   carries the talker's voice, and silence while it is itself the one talking.
 */
import { describe, expect, it } from 'vitest';
import type { RunRecord, Sample } from '../../results/run-record.ts';
import { mean } from '../../results/statistics.ts';
import { openStore } from '../../results/store/open-store.ts';
import { labMissing, shouldSkip } from '../helpers/requirements.ts';
import { measureScenario } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const skip = shouldSkip('test/e2e/speaking.test.ts', 'speaking in turns on the lab Janus and Carbonio', labMissing());
/** a generated tone reads about 0.1; a disabled track 0 */
const SOUND = 0.03;
const SILENCE = 0.005;

const scenario = (platform: string, runner: string): string => `name: e2e-speaking
platforms:
  - ${platform}
participants:
  count: 4
  media: { width: 160, height: 90, fps: 10, microphone: generated, speaking: { pattern: turns, turnS: 3 } }
  rampUpMs: 300
durationS: 15
warmupS: 3
timeouts: { joinMs: 60000 }
${runner}`;

interface Turns {
  names: string[];
  samples: Sample[];
  bySecond: Map<number, Map<string, Sample>>;
}

async function speakInTurns(dataDir: string, yaml: string): Promise<Turns> {
  const { run } = await measureScenario(dataDir, 'turns', yaml);
  const trial = run.trials[0]!;
  for (const p of trial.participants) expect(p.error, `${p.name} at ${p.errorStep}`).toBeNull();
  expect(trial.media?.speaking).toEqual({ pattern: 'turns', turnS: 3, speakers: 1 });
  expect(trial.participants.map((p) => p.metrics.talk_time_pct)).toEqual(trial.participants.map(() => expect.any(Number)));
  const samples = await (await openStore(dataDir)).readSamples(run.id, trial.id);
  const names = trial.participants.map((p) => p.name);
  const bySecond = new Map<number, Map<string, Sample>>();
  for (const s of samples) bySecond.set(s.t, (bySecond.get(s.t) ?? new Map()).set(s.participant, s));
  printTurns(run, names, bySecond);
  return { names, samples, bySecond };
}

function printTurns(run: RunRecord, names: string[], bySecond: Map<number, Map<string, Sample>>): void {
  const cell = (s: Sample | undefined): string =>
    `meant ${s?.speaking} sent ${s?.audioLevelSent} received ${s?.audioLevelReceived} (${s?.audioDownlinkKbps} kbit/s)`;
  const rows = [...bySecond.entries()].sort(([a], [b]) => a - b).map(([t, row]) => `t=${t} ${names.map((n) => `${n} ${cell(row.get(n))}`).join(' | ')}`);
  process.stdout.write(`${run.trials[0]!.platform}, audio level and audio received each second:\n${rows.join('\n')}\n`);
}

/**
 * Where a participant's second stands in its turns: inside a turn (the schedule had it talk the whole
 * second, and the seconds around it are part of the turn too), inside a silence (the second and both
 * around it without talk), or at a turn's edge. Seconds at an edge are not judged: the page's timers, its
 * audio path and the moment its statistics are read lag the schedule by up to a few hundred ms on a busy
 * runner, so sound spills into the second after a turn.
 */
function phase({ bySecond }: Turns, name: string, t: number): 'talking' | 'quiet' | 'edge' {
  const meant = (at: number): number | null | undefined => bySecond.get(at)?.get(name)?.speaking;
  const [before, now, after] = [meant(t - 1), meant(t), meant(t + 1)];
  if (typeof before !== 'number' || typeof after !== 'number') return 'edge';
  if (now === 1 && before > 0 && after > 0) return 'talking';
  if (now === 0 && before === 0 && after === 0) return 'quiet';
  return 'edge';
}

/** each one's level sent follows its turns, and one talks at a time */
function expectLevelsFollowTurns(turns: Turns): void {
  const { names, samples, bySecond } = turns;
  for (const name of names) {
    const own = samples.filter((s) => s.participant === name);
    const talking = own.filter((s) => phase(turns, name, s.t) === 'talking');
    const quiet = own.filter((s) => phase(turns, name, s.t) === 'quiet');
    // 15 s of turns of 3 s among 4: each one talks through at least one second and is silent through several
    expect(talking.length, `${name}'s seconds inside its turn`).toBeGreaterThanOrEqual(1);
    expect(quiet.length, `${name}'s seconds inside others' turns`).toBeGreaterThanOrEqual(3);
    for (const s of talking) expect(s.audioLevelSent, `${name} at t=${s.t}, its turn`).toBeGreaterThan(SOUND);
    for (const s of quiet) expect(s.audioLevelSent, `${name} at t=${s.t}, another's turn`).toBeLessThan(SILENCE);
  }
  for (const [t, row] of bySecond) {
    // in a second where everyone is inside a turn or a silence, one participant makes sound
    if (row.size < names.length || names.some((name) => phase(turns, name, t) === 'edge')) continue;
    expect([...row.values()].filter((s) => (s.audioLevelSent ?? 0) > SOUND).length, `talkers at t=${t}`).toBe(1);
  }
}

/** a receiver's audio while it talks (nobody else does) against while another talks */
function received(turns: Turns, name: string, field: 'audioDownlinkKbps' | 'audioLevelReceived'): { whileTalking: number[]; whileListening: number[] } {
  const own = turns.samples.filter((s) => s.participant === name && typeof s[field] === 'number');
  const anotherTalks = (t: number): boolean => turns.names.some((other) => other !== name && phase(turns, other, t) === 'talking');
  return {
    whileTalking: own.filter((s) => phase(turns, name, s.t) === 'talking').map((s) => s[field] as number),
    whileListening: own.filter((s) => phase(turns, name, s.t) === 'quiet' && anotherTalks(s.t)).map((s) => s[field] as number),
  };
}

/**
 * An SFU forwards every stream as sent: over the seconds a receiver is inside its turn or a silence, its
 * audio coming down is what the three others sent (their voice or their silence), and while it talks its
 * own voice does not come back. The others' silence is not always cheap: an encoder that has not sent
 * sound yet can send 14 kbit/s of silence where one that has sends 1.2 kbit/s (Opus DTX), so the test
 * compares with what they sent, not with a fixed idea of silence.
 */
function expectForwardedAsSent(turns: Turns, name: string): void {
  const sent = (s: Sample | undefined): number | null => (typeof s?.audioUplinkKbps === 'number' ? s.audioUplinkKbps : null);
  const judged = { talking: { received: 0, others: 0, own: 0, seconds: 0 }, quiet: { received: 0, others: 0, own: 0, seconds: 0 } };
  for (const s of turns.samples.filter((sample) => sample.participant === name && typeof sample.audioDownlinkKbps === 'number')) {
    const where = phase(turns, name, s.t);
    const row = turns.bySecond.get(s.t)!;
    const others = turns.names.filter((other) => other !== name).map((other) => sent(row.get(other)));
    if (where === 'edge' || others.some((rate) => rate === null) || sent(s) === null) continue;
    const into = judged[where];
    into.received += s.audioDownlinkKbps!;
    into.others += others.reduce((total: number, rate) => total + rate!, 0);
    into.own += sent(s)!;
    into.seconds += 1;
  }
  for (const [where, j] of Object.entries(judged)) {
    if (j.seconds === 0) continue;
    const say = `${name}, ${j.seconds} s ${where}: received ${j.received.toFixed(1)}, the others sent ${j.others.toFixed(1)}, it sent ${j.own.toFixed(1)} (kbit/s summed over those seconds)`;
    // pages read their counters at their own second, so a second may hold a little of its neighbour
    expect(Math.abs(j.received - j.others), say).toBeLessThan(0.15 * j.others + 2 * j.seconds);
  }
  const talking = judged.talking;
  expect(talking.seconds, `${name}'s seconds inside its turn`).toBeGreaterThanOrEqual(1);
  expect(talking.received, `${name}'s own voice does not come back while it talks`).toBeLessThan(talking.others + talking.own / 2);
}

describe.skipIf(skip)('speaking in turns among 4 participants', () => {
  it("on the lab Janus (an SFU): each one's audio level sent alternates as the turns say, and what receivers get follows", async () => {
    // the lab's fourth room: a lab shared with other runs has its first rooms busy, and their voices would be ours
    const janus = '{ id: janus, adapter: janus-videoroom, url: "lab:janus", options: { roomBase: 4 } }';
    const turns = await speakInTurns(tempDir('mb-e2e-speaking-sfu-'), scenario(janus, 'runner: { browser: shared, render: false }'));
    expectLevelsFollowTurns(turns);
    for (const name of turns.names) {
      const rates = received(turns, name, 'audioDownlinkKbps');
      expect(rates.whileListening.length, `${name}'s seconds listening to another`).toBeGreaterThanOrEqual(1);
      expectForwardedAsSent(turns, name);
    }
  });

  it("on the lab's Carbonio media plane (mixed by Janus AudioBridge): receivers' mixed audio carries the talker, and silence in their own turn", async () => {
    const platform =
      '{ id: carbonio, adapter: zimbra-connect, url: "lab:carbonio", options: { login: false, enableCamera: false, meetings: "e2e-speaking-{room}" } }';
    const turns = await speakInTurns(tempDir('mb-e2e-speaking-mix-'), scenario(platform, ''));
    expectLevelsFollowTurns(turns);
    for (const name of turns.names) {
      const rates = received(turns, name, 'audioDownlinkKbps');
      const levels = received(turns, name, 'audioLevelReceived');
      expect(rates.whileListening.length, `${name}'s seconds listening to another`).toBeGreaterThanOrEqual(1);
      expect(Math.max(...rates.whileTalking), `${name}'s mixed audio received while it talks`).toBeLessThan(Math.min(...rates.whileListening) / 2);
      for (const level of levels.whileListening) expect(level, `${name} hears the talker in the mix`).toBeGreaterThan(SOUND);
      // the mix reaches the receiver through AudioBridge's and the browser's jitter buffers: the previous
      // talker's last words can still arrive in the first second of its own turn, so the mean is judged
      expect(mean(levels.whileTalking)!, `${name} hears little in its own turn`).toBeLessThan(mean(levels.whileListening)! / 2);
    }
  });
});
