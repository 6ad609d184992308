/**
 * A 10 s network cut in mid-meeting on the lab's real Janus: the cut participant's packets stop
 * reaching the bridge during the cut (kernel counters), and the report gives its recovery time after the
 * cut and whether it stayed in the meeting; the participant not cut keeps sending throughout. Later in the
 * same meeting its profile changes to a 150 kbit/s uplink, which the kernel counters then show.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { labMissing, shouldSkip } from '../helpers/requirements.ts';
import {
  LAB_WAIT_MS,
  latestReport,
  log,
  ofParticipant,
  perSecondCeilingKbps,
  runScenarioCli,
  tempDataDir,
  trialSamples,
  writeScenario,
} from './shaping-support.ts';

const skip = shouldSkip('test/e2e/shaping-timeline.test.ts', 'a network cut on the lab Janus', labMissing());

describe.skipIf(skip)('a 10 s cut of one participant in mid-meeting', () => {
  const data = tempDataDir('shaping-cut');
  afterAll(() => data.remove());

  it(
    'reports the cut, the recovery time and that the participant stayed',
    async () => {
      const file = writeScenario(
        data.dir,
        'cut',
        `name: e2e-shaping-cut
platforms:
  - { id: janus, adapter: janus-videoroom, url: "lab:janus" }
participants:
  count: 2
  rampUpMs: 800
  groups:
    - { name: office, count: 1 }
    - { name: home, count: 1 }
networkProfiles:
  thin: { uplink: { rateKbps: 150 } }
timeline:
  - { at: 5, cut: { group: home, durationS: 10 } }
  - { at: 20, profile: { group: home, network: thin } }
durationS: 28
warmupS: 4
`,
      );
      const result = await runScenarioCli(data.dir, file);
      expect(result.stderr).toMatch(/t=5 s: network cut for bench2 \(10 s\)/);
      expect(result.stderr).toMatch(/t=15 s: network restored for bench2/);
      const run = await latestReport(data.dir);
      const [office, home] = run.trials[0]!.participants;
      expect(office!.timeline).toBeUndefined();
      expect(home!.timeline).toHaveLength(2);
      expect(home!.timeline![1]).toMatchObject({ at: 20, action: 'profile', network: 'thin', notApplied: [] });
      const event = home!.timeline![0]!;
      log(`cut 10 s at t=5: recovery ${event.recoveryS} s after the cut, stayed: ${event.stayed}`);
      expect(event).toMatchObject({ at: 5, action: 'cut', durationS: 10, stayed: true });
      expect(event.recoveryS).toBeGreaterThanOrEqual(1);
      expect(event.recoveryS).toBeLessThanOrEqual(12);

      const samples = trialSamples(data.dir, run);
      const during = ofParticipant(samples, 'bench2').filter((s) => s.t >= 7 && s.t <= 15);
      expect(during.length).toBeGreaterThan(5);
      // nothing of bench2's reaches the bridge during the cut, and it receives nothing
      for (const s of during) {
        expect(s.kernelUplinkKbps!, `t=${s.t}`).toBeLessThan(1);
        expect(s.downlinkKbps ?? 0, `t=${s.t}`).toBeLessThan(1);
      }
      const after = ofParticipant(samples, 'bench2').filter((s) => s.t > 15 + event.recoveryS! && s.t <= 20);
      expect(after.every((s) => (s.kernelUplinkKbps ?? 0) > 16 && (s.downlinkKbps ?? 0) > 16)).toBe(true);
      // from t=21 on, the new profile's cap
      const thin = ofParticipant(samples, 'bench2').filter((s) => s.t >= 22);
      expect(thin.length).toBeGreaterThan(3);
      for (const s of thin) expect(s.kernelUplinkKbps!, `t=${s.t}`).toBeLessThanOrEqual(perSecondCeilingKbps(150));
      // the other participant kept sending to the SFU during the cut (on average: a starved shared runner
      // can stall a browser for a second)
      const other = ofParticipant(samples, 'bench1').filter((s) => s.t >= 7 && s.t <= 15);
      expect(other.reduce((sum, s) => sum + (s.kernelUplinkKbps ?? 0), 0) / other.length).toBeGreaterThan(50);
    },
    300_000 + LAB_WAIT_MS,
  );
});
