/**
 * The teleconsultation template as a user runs it, one command on the lab: doctors on the city network
 * then on the VPN, patients on an Android tablet (CPU 4x slower) over 4G, in 1:1 calls on Janus's
 * VideoCall plugin, judged by the teleconsultation criteria. Whatever the verdict (a platform may fail a
 * criterion, a busy runner makes it inconclusive), both trials are measured with every participant in
 * its call, each patient is the tablet on 4G and each doctor on its trial's network.
 */
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../results/run-record.ts';
import { labMissing, shouldSkip } from '../helpers/requirements.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const skip = shouldSkip('test/e2e/teleconsultation.test.ts', 'the teleconsultation template on the lab', labMissing());
const TEMPLATE = 'scenarios/platforms/teleconsultation.yaml';

describe.skipIf(skip)('the teleconsultation template', () => {
  it('runs as one command on the lab: two trials, doctors on lan then vpn, patients as tablets on 4G, judged by its criteria', async () => {
    const dataDir = tempDir('mb-e2e-teleconsultation-');
    const result = await runCli(['run', TEMPLATE], { dataDir });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // passed, failed on a criterion, or inconclusive on a busy runner: all are measured runs
    expect([0, 1, 4], `exit ${result.code}\n${result.stdout}\n${result.stderr.slice(-2000)}`).toContain(result.code);
    expect(`${result.stdout}${result.stderr}`).toContain('devices: bench3-4 as android-tablet (CPU 4x slower)');
    const run = JSON.parse((await runCli(['report', 'latest', '--format', 'json'], { dataDir })).stdout) as RunRecord;
    expect(run.trials.map((t) => t.network)).toEqual(['lan', 'vpn']);
    for (const trial of run.trials) {
      expect(
        trial.participants.map((p) => [p.name, p.joined, p.error]),
        trial.id,
      ).toEqual(['bench1', 'bench2', 'bench3', 'bench4'].map((n) => [n, true, null]));
      const [doctor1, doctor2, patient1, patient2] = trial.participants;
      for (const doctor of [doctor1!, doctor2!]) {
        expect(doctor.network, `${trial.id} ${doctor.name}`).toBe(trial.network);
        expect(doctor.device).toBeUndefined();
        // a doctor receives the patient's camera
        expect(doctor.metrics.fps_received, `${trial.id} ${doctor.name} frames received`).toBeGreaterThan(2);
      }
      for (const patient of [patient1!, patient2!]) {
        expect(patient.network, `${trial.id} ${patient.name}`).toBe('4g');
        expect(
          patient.shaping?.applied.some((a) => /uplink rate 3 Mbit\/s/.test(a)),
          JSON.stringify(patient.shaping),
        ).toBe(true);
        expect(patient.device).toMatchObject({ name: 'android-tablet', cpuSlowdown: 4, observed: { width: 1280, height: 800, maxTouchPoints: 5 } });
        expect(patient.metrics.fps_received, `${trial.id} ${patient.name} frames received`).toBeGreaterThan(2);
      }
      expect(trial.criteria.map((c) => c.id)).toEqual(
        expect.arrayContaining(['join-time-p95', 'join-success', 'first-image', 'freezes', 'latency', 'packet-loss-max']),
      );
    }
  });
});
