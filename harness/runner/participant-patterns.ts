/**
 * What each participant of a trial does besides sending (participants/media-patterns.ts), from the
 * scenario: senders talk on its speaking schedule, counted from one epoch for the whole trial; the sharer
 * shares the document; every page reads getStats by media source when there is a share or a schedule to
 * report on. Senders take the first participant indexes, so a sender's index is its participant index.
 */
import type { PlatformAdapter } from '../adapters/platform-adapter.ts';
import { scheduleOf } from '../page-scripts/speaking-schedule.ts';
import type { MediaPatterns } from '../participants/media-patterns.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';

/** whether the trial's pages read getStats by media source */
export function readsMediaSources(scenario: Scenario): boolean {
  return scenario.screenShare !== undefined || scheduleOf(scenario.participants.media.speaking).pattern !== 'always';
}

export function participantPatterns(scenario: Scenario, adapter: PlatformAdapter, index: number, epochMs: number): MediaPatterns {
  const { count, receivers, namePrefix, media } = scenario.participants;
  const senders = count - receivers;
  const schedule = scheduleOf(media.speaking);
  const share = scenario.screenShare;
  const patterns: MediaPatterns = {};
  if (index < senders && schedule.pattern !== 'always') patterns.speaking = { schedule, sender: index, senders, epochMs };
  if (share && share.participant === `${namePrefix}${index + 1}`) {
    patterns.screenDocument = { width: share.width, height: share.height, fps: share.fps, changeEveryS: share.changeEveryS };
  }
  if (readsMediaSources(scenario)) patterns.mediaSources = { screenTracks: adapter.screenShare?.receivedTracks ?? null };
  return patterns;
}
