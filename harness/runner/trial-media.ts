/**
 * What a trial's senders sent, for its record: camera size and rate, the microphone and camera they really used,
 * and who talked when (a speaking pattern other than talking all the time).
 */
import type { TrialMedia } from '../../results/run-record.ts';
import { scheduleOf } from '../page-scripts/speaking-schedule.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';

export function trialMedia(scenario: Scenario, microphone: TrialMedia['microphone'], camera: NonNullable<TrialMedia['camera']>): TrialMedia {
  const { width, height, fps, speaking } = scenario.participants.media;
  const schedule = scheduleOf(speaking);
  const media: TrialMedia = { width, height, fps, microphone, camera };
  if (schedule.pattern === 'turns') media.speaking = { pattern: 'turns', turnS: schedule.turnMs / 1000, speakers: schedule.speakers };
  if (schedule.pattern === 'share') media.speaking = { pattern: 'share', share: schedule.share, burstS: schedule.burstMs / 1000 };
  return media;
}
