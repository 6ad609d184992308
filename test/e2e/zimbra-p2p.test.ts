/**
 * lab:zimbra-p2p end to end: a mesh of 5, as Zimbra Connect 8.8.15's peer-to-peer calls, beside the same
 * 5 in one room of the lab's Janus (an SFU), in one run of the real CLI. By the kernel's counters of each
 * participant's namespace, a mesh member sends about 4 times what an SFU participant sends: one copy of
 * its streams to each other member.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installCleanupHandlers, labDown, labUp } from '../../harness/lab/index.ts';
import type { RunRecord } from '../../results/run-record.ts';
import { median } from '../../results/statistics.ts';
import { labMissing, shouldSkip } from '../helpers/requirements.ts';
import { runCli, runMeasuredScenario } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const skip = shouldSkip('test/e2e/zimbra-p2p.test.ts', "Zimbra Connect's peer-to-peer calls on the lab", labMissing());

describe.skipIf(skip)('lab:zimbra-p2p, a mesh as Zimbra Connect made them', () => {
  const dir = tempDir('mb-e2e-zimbra-p2p-');
  let reused = true;
  const uninstall = installCleanupHandlers();

  beforeAll(async () => {
    reused = (await labUp({ dataDir: path.join(dir, 'lab'), platforms: ['janus', 'zimbra-p2p'], waitMs: 600_000 })).reused;
  }, 660_000);

  afterAll(async () => {
    if (!reused) await labDown(path.join(dir, 'lab')).catch(() => undefined);
    uninstall();
  });

  it('a mesh of 5: every member sends about 4 times what it sends to an SFU, by the kernel counters', async () => {
    const file = path.join(dir, 'mesh.yaml');
    writeFileSync(
      file,
      `name: e2e-mesh-of-5
platforms:
  - { id: janus, adapter: janus-videoroom, url: "lab:janus" }
  - { id: zimbra, adapter: zimbra-p2p, url: "lab:zimbra-p2p" }
participants:
  count: 5
  # small frames: 20 encoders of a mesh of 5 on 2 cores would otherwise be limited by the CPU, not the model
  media: { width: 160, height: 90, fps: 10, microphone: generated }
  rampUpMs: 300
durationS: 5
warmupS: 3
`,
    );
    const dataDir = path.join(dir, 'data');
    const result = await runMeasuredScenario(file, { dataDir });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect([0, 4], `exit ${result.code}\n${result.stdout}\n${result.stderr.slice(-2000)}`).toContain(result.code);
    const run = JSON.parse((await runCli(['report', 'latest', '--format', 'json'], { dataDir })).stdout) as RunRecord;
    const [sfu, mesh] = ['janus', 'zimbra'].map((id) => run.trials.find((t) => t.platform === id)!);
    expect(mesh!.mediaModel).toBe('mesh');
    expect(mesh!.labPlatform?.title).toBe('Zimbra Connect peer-to-peer calls (lab reconstruction)');
    for (const trial of [sfu!, mesh!])
      expect(
        trial.participants.map((p) => p.joined),
        `${trial.platform}: everyone joined`,
      ).toEqual([true, true, true, true, true]);
    const oneStream = median(sfu!.participants.map((p) => p.kernel!.uplinkKbps!))!;
    process.stdout.write(`  SFU (lab Janus) kernel uplink per participant: ${oneStream} kbit/s\n`);
    for (const p of mesh!.participants) {
      const ratio = p.kernel!.uplinkKbps! / oneStream;
      process.stdout.write(`  mesh ${p.name}: kernel uplink ${p.kernel!.uplinkKbps} kbit/s = ${ratio.toFixed(2)} x the SFU's\n`);
      expect(ratio, `${p.name}: mesh uplink / SFU uplink`).toBeGreaterThan(3);
      expect(ratio, `${p.name}: mesh uplink / SFU uplink`).toBeLessThan(5.5);
    }
  });
});
