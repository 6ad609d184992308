/**
 * The foundation, end to end: the real CLI runs a scenario on the lab's real Janus (Debian package, official
 * VideoRoom demo page), with real Chromium participants in their own network namespaces, and the report
 * JSON holds true join times and bandwidth figures, checked against the kernel's own counters.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../results/run-record.ts';
import { labMissing, shouldSkip } from '../helpers/requirements.ts';
import { runCli, runMeasuredScenario } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const skip = shouldSkip('test/e2e/janus-run.test.ts', '3 participants on the lab Janus', labMissing());

/** The lab's generated Janus rooms are capped at this bitrate (harness/lab/janus-config.ts default). */
const ROOM_CAP_KBPS = 512;

function scenario(dir: string, body: string): string {
  const file = path.join(dir, 'scenario.yaml');
  writeFileSync(file, body);
  return file;
}

async function report(dataDir: string): Promise<RunRecord> {
  const result = await runCli(['report', 'latest', '--format', 'json'], { dataDir });
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as RunRecord;
}

describe.skipIf(skip)('three participants in one Janus room of the lab', () => {
  const dataDir = tempDir('mb-e2e-');
  let run: RunRecord;

  it('runs the scenario through the real CLI and stores the run', async () => {
    const file = scenario(
      dataDir,
      `name: e2e-janus
platforms:
  - id: janus
    adapter: janus-videoroom
    url: lab:janus
participants:
  count: 3
  media: { width: 320, height: 180, fps: 15 }
  rampUpMs: 800
durationS: 12
warmupS: 4
`,
    );
    const result = await runMeasuredScenario(file, { dataDir });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // passed, or inconclusive when this runner was saturated: never failed or broken
    expect([0, 4], `exit ${result.code}\n${result.stdout}\n${result.stderr.slice(-2000)}`).toContain(result.code);
    run = await report(dataDir);
    expect(run.schemaVersion).toBe(1);
    expect(run.status).toBe('complete');
    expect(run.trials).toHaveLength(1);
    const trial = run.trials[0]!;
    if (trial.verdict === 'inconclusive') expect(trial.reason).toMatch(/runner CPU/);
    else expect(trial.verdict).toBe('passed');
  });

  it('has every participant joined, with join time and phases in order', () => {
    const participants = run.trials[0]!.participants;
    expect(participants.map((p) => p.joined)).toEqual([true, true, true]);
    for (const p of participants) {
      expect(p.error).toBeNull();
      const { pageLoadMs, uiReadyMs, signallingMs, iceMs } = p.phases;
      expect(pageLoadMs).toBeGreaterThan(0);
      expect(uiReadyMs).toBeGreaterThanOrEqual(pageLoadMs!);
      expect(signallingMs).toBeGreaterThan(0);
      expect(iceMs).toBeGreaterThan(0);
      expect(p.joinTimeMs).toBeGreaterThan(uiReadyMs!);
      expect(p.joinTimeMs).toBeLessThan(30_000);
      expect(p.candidateType).toMatch(/^host/);
    }
  });

  it('measures uplink within the room cap and downlink that matches two remote streams', () => {
    const participants = run.trials[0]!.participants;
    for (const p of participants) {
      const up = p.uplinkKbps.avg!;
      // the cap is the video REMB limit; audio (~30-40 kbit/s) and RTCP come on top of it
      expect(up).toBeGreaterThan(60);
      expect(up).toBeLessThan(ROOM_CAP_KBPS + 100);
      const othersUp = participants.filter((o) => o !== p).reduce((sum, o) => sum + o.uplinkKbps.avg!, 0);
      expect(p.downlinkKbps.avg!).toBeGreaterThan(othersUp * 0.7);
      expect(p.downlinkKbps.avg!).toBeLessThan(othersUp * 1.3);
      expect(p.metrics.fps_received).toBeGreaterThan(5);
      expect(p.metrics.frame_height_received).toBe(180);
      expect(p.firstRemoteFrameMs).toBeGreaterThan(0);
    }
  });

  it('agrees with the kernel counters of each participant namespace within 15 %', () => {
    for (const p of run.trials[0]!.participants) {
      const kernel = p.kernel!;
      // raw veth bytes include Ethernet+IP+UDP headers: always more than getStats' transport bytes
      expect(kernel.uplinkKbps!).toBeGreaterThan(p.uplinkKbps.avg!);
      expect(kernel.downlinkKbps!).toBeGreaterThan(p.downlinkKbps.avg!);
      // with those 42 bytes per packet taken out, both measure the same UDP payload
      expect(Math.abs(kernel.uplinkPayloadKbps! - p.uplinkKbps.avg!) / p.uplinkKbps.avg!).toBeLessThan(0.15);
      expect(Math.abs(kernel.downlinkPayloadKbps! - p.downlinkKbps.avg!) / p.downlinkKbps.avg!).toBeLessThan(0.15);
    }
  });

  it('records runner CPU and participant browser CPU and memory', () => {
    const trial = run.trials[0]!;
    expect(trial.runner.cpuPct.avg).toBeGreaterThan(0);
    expect(trial.runner.cores).toBeGreaterThan(0);
    for (const p of trial.participants) {
      expect(p.metrics.cpu_pct).toBeGreaterThan(0);
      expect(p.metrics.memory_mb).toBeGreaterThan(50);
    }
  });
});
