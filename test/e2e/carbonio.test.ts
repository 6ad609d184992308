/**
 * lab:carbonio end to end: Carbonio's media plane as the lab reconstructs it (Janus as Carbonio's video
 * server, the meeting service, the meeting page with Carbonio's peer connections), driven by the
 * zimbra-connect adapter through the real CLI.
 * - 3 participants with cameras: Janus reports each one's audio connection (to the AudioBridge), camera
 *   out and video in up, and each receives the two other cameras on one connection;
 * - without cameras, at 3 and at 5: the audio coming down to each participant is ONE mixed stream, by the
 *   kernel's counters and by getStats, about what it sends up, where an SFU relaying every voice would
 *   send 2 and 4 streams down.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installCleanupHandlers, labDown, labUp } from '../../harness/lab/index.ts';
import type { ParticipantResult, RunRecord } from '../../results/run-record.ts';
import { median } from '../../results/statistics.ts';
import { labMissing, shouldSkip } from '../helpers/requirements.ts';
import { runCli, runMeasuredScenario } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const skip = shouldSkip('test/e2e/carbonio.test.ts', "Carbonio's media plane on the lab", labMissing());

interface JanusConnections {
  meetingId: string;
  userId: string;
  audio: boolean;
  video: boolean;
  screen: boolean;
  videoIn: boolean;
}

describe.skipIf(skip)('lab:carbonio, the reconstruction of Carbonio media plane', () => {
  const dir = tempDir('mb-e2e-carbonio-');
  const tag = `e2e${Date.now().toString(36)}`;
  let connectionsUrl = '';
  let reused = true;
  const uninstall = installCleanupHandlers();

  beforeAll(async () => {
    const up = await labUp({ dataDir: path.join(dir, 'lab'), platforms: ['carbonio'], waitMs: 600_000 });
    reused = up.reused;
    connectionsUrl = up.state.platforms.find((p) => p.id === 'carbonio')!.endpoints!.extra.connections!;
  }, 660_000);

  afterAll(async () => {
    if (!reused) await labDown(path.join(dir, 'lab')).catch(() => undefined);
    uninstall();
  });

  async function run(name: string, count: number, platforms: string): Promise<RunRecord> {
    const file = path.join(dir, `${name}.yaml`);
    writeFileSync(
      file,
      `name: ${name}
platforms:
${platforms}
participants:
  count: ${count}
  media: { width: 320, height: 180, fps: 15, microphone: generated }
  rampUpMs: 300
durationS: 6
warmupS: 3
`,
    );
    const dataDir = path.join(dir, name);
    const result = await runMeasuredScenario(file, { dataDir });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect([0, 4], `exit ${result.code}\n${result.stdout}\n${result.stderr.slice(-2000)}`).toContain(result.code);
    return JSON.parse((await runCli(['report', 'latest', '--format', 'json'], { dataDir })).stdout) as RunRecord;
  }

  const platform = (id: string, camera: boolean): string =>
    `  - { id: ${id}, adapter: zimbra-connect, url: "lab:carbonio", options: { login: false, enableCamera: ${camera}, meetings: "${tag}-${id}-{room}" } }`;
  const metric = (p: ParticipantResult, id: string): number => p.metrics[id] ?? Number.NaN;
  /** the participants of the meeting's last run as Janus saw them (a saturated runner's first run is run again, in the same meeting) */
  const janusSaw = async (meetingId: string, count: number): Promise<JanusConnections[]> =>
    ((await (await fetch(connectionsUrl)).json()) as JanusConnections[]).filter((c) => c.meetingId === meetingId).slice(-count);

  it('3 participants: each opens its audio connection to the AudioBridge, its camera out and one video-in connection receiving both other cameras', async () => {
    const record = await run('carbonio-cameras', 3, platform('carbonio', true));
    const trial = record.trials[0]!;
    expect(trial.labPlatform?.title).toBe('Carbonio media plane (lab reconstruction)');
    expect(trial.mediaModel).toBe('sfu-mixed-audio');
    expect(trial.participants.map((p) => p.joined)).toEqual([true, true, true]);
    const seen = await janusSaw(`${tag}-carbonio-1`, 3);
    expect(seen, 'participants Janus saw in the meeting').toHaveLength(3);
    for (const c of seen) expect(c, `Janus's webrtcup per connection of ${c.userId}`).toMatchObject({ audio: true, video: true, videoIn: true, screen: false });
    for (const p of trial.participants) {
      // two remote cameras down, one mixed audio stream down: about what one participant sends up of each
      expect(metric(p, 'video_downlink_kbps'), `${p.name} video down`).toBeGreaterThan(
        1.5 * median(trial.participants.map((q) => metric(q, 'video_uplink_kbps')))!,
      );
      expect(metric(p, 'audio_downlink_kbps'), `${p.name} audio down`).toBeLessThan(1.5 * metric(p, 'audio_uplink_kbps'));
    }
  });

  it('without cameras, at 3 and at 5, the audio coming down is one mixed stream, by the kernel counters and by getStats', async () => {
    const three = (await run('carbonio-audio-3', 3, platform('audio3', false))).trials[0]!;
    const five = (await run('carbonio-audio-5', 5, platform('audio5', false))).trials[0]!;
    const downs: Record<string, { kernel: number; getStats: number }> = {};
    for (const [size, trial] of [
      ['3', three],
      ['5', five],
    ] as const) {
      expect(
        trial.participants.every((p) => p.joined),
        `everyone joined at ${size}`,
      ).toBe(true);
      const seen = await janusSaw(`${tag}-audio${size}-1`, Number(size));
      expect(seen, `participants Janus saw at ${size}`).toHaveLength(Number(size));
      for (const c of seen) expect(c, 'audio only: no camera out, nothing to subscribe to').toMatchObject({ audio: true, video: false, videoIn: false });
      for (const p of trial.participants) {
        const up = p.kernel!.uplinkKbps!;
        const down = p.kernel!.downlinkKbps!;
        process.stdout.write(
          `  ${size} participants, ${p.name}: kernel up ${up} down ${down} kbit/s; getStats audio up ${metric(p, 'audio_uplink_kbps')} down ${metric(p, 'audio_downlink_kbps')} kbit/s\n`,
        );
        // an SFU relaying every voice would bring down size - 1 streams of what each sends up
        expect(down / up, `${p.name} at ${size}: kernel down / up`).toBeLessThan(1.5);
        expect(metric(p, 'audio_downlink_kbps') / metric(p, 'audio_uplink_kbps'), `${p.name} at ${size}: getStats audio down / up`).toBeLessThan(1.5);
      }
      downs[size] = {
        kernel: median(trial.participants.map((p) => p.kernel!.downlinkKbps!))!,
        getStats: median(trial.participants.map((p) => metric(p, 'audio_downlink_kbps')))!,
      };
    }
    // whatever the size: the same one stream at 5 as at 3 (an SFU: twice as much)
    expect(downs['5']!.kernel / downs['3']!.kernel).toBeLessThan(1.3);
    expect(downs['5']!.getStats / downs['3']!.getStats).toBeLessThan(1.3);
    expect(downs['5']!.kernel / downs['3']!.kernel).toBeGreaterThan(0.7);
  });
});
