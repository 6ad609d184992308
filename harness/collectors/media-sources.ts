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
  return {
    name: 'media sources',
    read: async () => {
      const current = page();
      if (!current) return null;
      const snapshot = (await current.evaluate(
        () => (window as unknown as { __meetbenchMediaSources?: { snapshot(): Promise<unknown> } }).__meetbenchMediaSources?.snapshot() ?? null,
      )) as MediaSourceSnapshot | null;
      const before = previous;
      previous = snapshot;
      if (!snapshot || !before) return null;
      const fields = mediaSourceFields(before, snapshot);
      if (!speaking) return fields;
      // on the page's clock, between the two readings of its statistics: the page reads at its own pace
      const meant = speakingShare(speaking.schedule, speaking.sender, speaking.senders, before.wallMs - speaking.epochMs, snapshot.wallMs - speaking.epochMs);
      return { ...fields, speaking: Math.round(meant * 100) / 100 };
    },
  };
}
