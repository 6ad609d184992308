/**
 * A participant's statistics by media source (page-scripts/media-sources.ts), as rates each second
 * (media-source-rates.ts), and, for a sender with a speaking schedule, the share of that second the
 * schedule had it talk: what it was meant to do beside what getStats heard.
 */
import type { Page } from 'puppeteer-core';
import type { MediaSourceSnapshot } from '../page-scripts/media-source-types.ts';
import { speakingShare } from '../page-scripts/speaking-schedule.ts';
import type { SpeakingOptions } from '../participants/media-patterns.ts';
import { mediaSourceFields } from './media-source-rates.ts';
import type { ParticipantSource } from './participant-source.ts';

export function mediaSourcesSource(page: () => Page | null, speaking: SpeakingOptions | null): ParticipantSource {
  let previous: MediaSourceSnapshot | null = null;
  let previousAt = Date.now();
  return {
    name: 'media sources',
    read: async () => {
      const current = page();
      if (!current) return null;
      const snapshot = (await current.evaluate(() =>
        (window as unknown as { __meetbenchMediaSources?: { snapshot(): Promise<unknown> } }).__meetbenchMediaSources?.snapshot() ?? null,
      )) as MediaSourceSnapshot | null;
      const now = Date.now();
      const fields = snapshot && previous ? mediaSourceFields(previous, snapshot) : null;
      const meant = speaking ? speakingShare(speaking.schedule, speaking.sender, speaking.senders, previousAt - speaking.epochMs, now - speaking.epochMs) : null;
      previous = snapshot;
      previousAt = now;
      if (!fields) return null;
      return meant === null ? fields : { ...fields, speaking: Math.round(meant * 100) / 100 };
    },
  };
}
