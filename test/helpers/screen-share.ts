/**
 * What every platform's screen-share e2e test asks of a trial where bench1 shares the generated document
 * with the others: the share reaches every receiver, and the share's bandwidth and frame rate are reported
 * apart from the cameras', both ways. One scenario and one set of assertions, so the platforms are held
 * to the same bar.
 */
import { expect } from 'vitest';
import type { ParticipantResult, Trial } from '../../results/run-record.ts';
import { measureScenario } from './run-cli.ts';

export const SHARE = { participant: 'bench1', width: 1280, height: 720, fps: 5, changeEveryS: 2 } as const;

/** three senders at 320x180@15, bench1 sharing a 1280x720 document at 5 fps, on the given platform line */
function shareScenario(name: string, platform: string): string {
  return `name: ${name}
platforms:
  - ${platform}
participants:
  count: 3
  media: { width: 320, height: 180, fps: 15 }
  rampUpMs: 500
screenShare: { participant: ${SHARE.participant}, width: ${SHARE.width}, height: ${SHARE.height}, fps: ${SHARE.fps}, changeEveryS: ${SHARE.changeEveryS} }
durationS: 6
warmupS: 2
timeouts: { joinMs: 60000 }
`;
}

const m = (p: ParticipantResult, metric: string): number | null => p.metrics[metric] ?? null;

/** one line per participant, printed by the test: the figures the docs quote */
export function shareLine(p: ParticipantResult): string {
  return `${p.name}: screen ${m(p, 'screen_uplink_kbps')} up / ${m(p, 'screen_downlink_kbps')} down kbit/s at ${m(p, 'screen_fps_sent')} / ${m(p, 'screen_fps_received')} fps; cameras ${m(p, 'camera_uplink_kbps')} up / ${m(p, 'camera_downlink_kbps')} down kbit/s at ${m(p, 'camera_fps_received')} fps received; all video ${m(p, 'video_uplink_kbps')} up / ${m(p, 'video_downlink_kbps')} down`;
}

/**
 * @param receivedShare the least a receiver gets of what the sharer sends of the share (a platform that
 *   sends the share in simulcast layers forwards one of them)
 */
export function expectShareApart(trial: Trial, receivedShare = 0.5): void {
  expect(trial.screenShare).toEqual(SHARE);
  process.stdout.write(`${trial.platform}:\n${trial.participants.map(shareLine).join('\n')}\n`);
  for (const p of trial.participants) expect(p.error, `${p.name} at ${p.errorStep}`).toBeNull();
  const [sharer, ...receivers] = trial.participants;
  // the sharer sends the share and its camera, apart; the share is what its video adds to the camera
  expect(m(sharer!, 'screen_uplink_kbps')).toBeGreaterThan(30);
  expect(m(sharer!, 'screen_fps_sent')).toBeGreaterThanOrEqual(3);
  expect(m(sharer!, 'camera_uplink_kbps')).toBeGreaterThan(50);
  expect(m(sharer!, 'screen_uplink_kbps')! + m(sharer!, 'camera_uplink_kbps')!).toBeCloseTo(m(sharer!, 'video_uplink_kbps')!, -1);
  // it does not receive its own share
  expect(m(sharer!, 'screen_downlink_kbps')).toBe(0);
  for (const receiver of receivers) {
    // every other participant receives the share, and the cameras apart
    expect(m(receiver, 'screen_downlink_kbps'), receiver.name).toBeGreaterThan(receivedShare * m(sharer!, 'screen_uplink_kbps')!);
    expect(m(receiver, 'screen_fps_received'), receiver.name).toBeGreaterThanOrEqual(2);
    expect(m(receiver, 'camera_downlink_kbps'), receiver.name).toBeGreaterThan(50);
    expect(m(receiver, 'screen_uplink_kbps'), receiver.name).toBe(0);
    expect(m(receiver, 'screen_downlink_kbps')! + m(receiver, 'camera_downlink_kbps')!).toBeCloseTo(m(receiver, 'video_downlink_kbps')!, -1);
  }
}

/** runs the share scenario on one platform line (`{ id, adapter, url, options }`) and holds its trial to the bar */
export async function measureShare(dataDir: string, name: string, platform: string): Promise<void> {
  const { run } = await measureScenario(dataDir, name, shareScenario(`e2e-${name}`, platform));
  expectShareApart(run.trials[0]!);
}
