/**
 * Speaking in turns on the lab's real Janus: 4 participants with generated microphones take turns of
 * 3 s. Each one's audio level sent (getStats audio energy, each second) is sound in its turns and silence
 * in the others', as the schedule says; only one talks at a time; and what receivers get follows: a
 * receiver gets little audio while it is the one talking. Janus VideoRoom forwards every stream as sent
 * (it does not mix), so a receiver's audio rate is the talker's stream plus the others' silence.
 */
import { describe, expect, it } from 'vitest';
import type { Sample } from '../../results/run-record.ts';
import { openStore } from '../../results/store/open-store.ts';
import { labMissing, shouldSkip } from '../helpers/requirements.ts';
import { measureScenario } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const skip = shouldSkip('test/e2e/speaking.test.ts', 'speaking in turns on the lab Janus', labMissing());
/** a generated tone reads about 0.1; a disabled track 0 */
const SOUND = 0.03;
const SILENCE = 0.005;

describe.skipIf(skip)('speaking in turns among 4 participants on the lab Janus', () => {
  const dataDir = tempDir('mb-e2e-speaking-');

  it("alternates each one's audio level sent as the turns say, and receivers' audio rates follow", async () => {
    const { run } = await measureScenario(
      dataDir,
      'turns',
      `name: e2e-speaking
platforms:
  - { id: janus, adapter: janus-videoroom, url: "lab:janus" }
participants:
  count: 4
  media: { width: 160, height: 90, fps: 10, microphone: generated, speaking: { pattern: turns, turnS: 3 } }
  rampUpMs: 300
durationS: 15
warmupS: 2
timeouts: { joinMs: 60000 }
runner: { browser: shared, render: false }
`,
    );
    const trial = run.trials[0]!;
    expect(trial.media?.speaking).toEqual({ pattern: 'turns', turnS: 3, speakers: 1 });
    const samples = await (await openStore(dataDir)).readSamples(run.id, trial.id);
    const names = trial.participants.map((p) => p.name);
    const bySecond = new Map<number, Map<string, Sample>>();
    for (const s of samples) bySecond.set(s.t, (bySecond.get(s.t) ?? new Map()).set(s.participant, s));
    process.stdout.write(
      [...bySecond.entries()]
        .sort(([a], [b]) => a - b)
        .map(([t, row]) => `t=${t} ${names.map((n) => `${n} meant ${row.get(n)?.speaking} level ${row.get(n)?.audioLevelSent} audio down ${row.get(n)?.audioDownlinkKbps}`).join(' | ')}`)
        .join('\n') + '\n',
    );

    for (const name of names) {
      const own = samples.filter((s) => s.participant === name);
      const talking = own.filter((s) => s.speaking === 1);
      const quiet = own.filter((s) => s.speaking === 0);
      // 15 s of turns of 3 s among 4: each one talks in at least one whole second and is quiet in several
      expect(talking.length, `${name}'s whole seconds of talk`).toBeGreaterThanOrEqual(1);
      expect(quiet.length, `${name}'s whole seconds of silence`).toBeGreaterThanOrEqual(4);
      for (const s of talking) expect(s.audioLevelSent, `${name} at t=${s.t}, its turn`).toBeGreaterThan(SOUND);
      for (const s of quiet) expect(s.audioLevelSent, `${name} at t=${s.t}, another's turn`).toBeLessThan(SILENCE);
    }
    for (const [t, row] of bySecond) {
      // in a second wholly inside one turn, one participant makes sound
      if ([...row.values()].some((s) => s.speaking !== 0 && s.speaking !== 1)) continue;
      expect([...row.values()].filter((s) => (s.audioLevelSent ?? 0) > SOUND).length, `talkers at t=${t}`).toBe(1);
    }
    // receivers: the talker's stream arrives at the others, not at the talker
    for (const name of names) {
      const own = samples.filter((s) => s.participant === name && s.audioDownlinkKbps !== null && s.audioDownlinkKbps !== undefined);
      const whileTalking = own.filter((s) => s.speaking === 1).map((s) => s.audioDownlinkKbps!);
      const whileListening = own.filter((s) => s.speaking === 0 && bySecond.get(s.t)!.size === names.length && [...bySecond.get(s.t)!.values()].some((o) => o.speaking === 1)).map((s) => s.audioDownlinkKbps!);
      expect(Math.max(...whileTalking), `${name}'s audio received while it talks`).toBeLessThan(Math.min(...whileListening) / 2);
    }
    expect(trial.participants.map((p) => p.metrics.talk_time_pct)).toEqual(trial.participants.map(() => expect.any(Number)));
  });
});
