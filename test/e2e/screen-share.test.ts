/**
 * A screen share on the lab's real Janus: bench1 shares the generated document (getDisplayMedia answered
 * without a picker, published through janus.js as a second publisher of its room), and it reaches every
 * other participant; the share's bandwidth and frame rate are reported apart from the cameras', both ways.
 */
import { describe, expect, it } from 'vitest';
import { labMissing, shouldSkip } from '../helpers/requirements.ts';
import { measureScenario } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const skip = shouldSkip('test/e2e/screen-share.test.ts', 'a screen share on the lab Janus', labMissing());

describe.skipIf(skip)('a screen share on the lab Janus', () => {
  const dataDir = tempDir('mb-e2e-share-');

  it('reaches every receiver, its bandwidth and frame rate reported apart from the cameras', async () => {
    const { run } = await measureScenario(
      dataDir,
      'share',
      `name: e2e-screen-share
platforms:
  # the lab's third room: a lab shared with other runs has its first rooms busy
  - { id: janus, adapter: janus-videoroom, url: "lab:janus", options: { roomBase: 3 } }
participants:
  count: 3
  media: { width: 320, height: 180, fps: 15 }
  rampUpMs: 500
screenShare: { participant: bench1, width: 1280, height: 720, fps: 5, changeEveryS: 2 }
durationS: 6
warmupS: 2
timeouts: { joinMs: 60000 }
`,
    );
    const trial = run.trials[0]!;
    expect(trial.screenShare).toEqual({ participant: 'bench1', width: 1280, height: 720, fps: 5, changeEveryS: 2 });
    const [sharer, ...receivers] = trial.participants;
    const m = (p: (typeof trial.participants)[number], metric: string): number | null => p.metrics[metric] ?? null;
    const line = (p: (typeof trial.participants)[number]): string =>
      `${p.name}: screen ${m(p, 'screen_uplink_kbps')} up / ${m(p, 'screen_downlink_kbps')} down kbit/s at ${m(p, 'screen_fps_sent')} / ${m(p, 'screen_fps_received')} fps; cameras ${m(p, 'camera_uplink_kbps')} up / ${m(p, 'camera_downlink_kbps')} down kbit/s at ${m(p, 'camera_fps_received')} fps received; all video ${m(p, 'video_uplink_kbps')} up / ${m(p, 'video_downlink_kbps')} down`;
    process.stdout.write(`${trial.participants.map(line).join('\n')}\n`);
    for (const p of trial.participants) expect(p.error, `${p.name} at ${p.errorStep}`).toBeNull();

    // the sharer sends the share and its camera, apart; the share is what its video adds to the camera
    expect(m(sharer!, 'screen_uplink_kbps')).toBeGreaterThan(30);
    expect(m(sharer!, 'screen_fps_sent')).toBeGreaterThanOrEqual(3);
    expect(m(sharer!, 'camera_uplink_kbps')).toBeGreaterThan(50);
    expect(m(sharer!, 'screen_uplink_kbps')! + m(sharer!, 'camera_uplink_kbps')!).toBeCloseTo(m(sharer!, 'video_uplink_kbps')!, -1);
    // it does not receive its own share
    expect(m(sharer!, 'screen_downlink_kbps')).toBe(0);
    for (const receiver of receivers) {
      // every other participant receives the share at about the rate it was sent, and the cameras apart
      expect(m(receiver, 'screen_downlink_kbps'), receiver.name).toBeGreaterThan(0.5 * m(sharer!, 'screen_uplink_kbps')!);
      expect(m(receiver, 'screen_fps_received'), receiver.name).toBeGreaterThanOrEqual(2);
      expect(m(receiver, 'camera_downlink_kbps'), receiver.name).toBeGreaterThan(50);
      expect(m(receiver, 'screen_uplink_kbps'), receiver.name).toBe(0);
      expect(m(receiver, 'screen_downlink_kbps')! + m(receiver, 'camera_downlink_kbps')!).toBeCloseTo(m(receiver, 'video_downlink_kbps')!, -1);
    }
  });
});
