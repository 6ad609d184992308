/**
 * What a participant's page does besides sending its camera and microphone, installed before the page's
 * own scripts: talking on a schedule (page-scripts/speaking.ts), sharing a generated document
 * (page-scripts/screen-document.ts), and reading getStats by media source (page-scripts/media-sources.ts)
 * so a share's bandwidth and the audio levels are reported apart. Each only when the scenario asks for it.
 */
import type { Page } from 'puppeteer-core';
import type { SpeakingSchedule } from '../page-scripts/speaking-schedule.ts';
import { pageScript } from './page-script.ts';

export interface SpeakingOptions {
  schedule: SpeakingSchedule;
  /** this sender's index among the senders (senders take the first participant indexes) */
  sender: number;
  senders: number;
  /** the trial's epoch (ms since 1970) every page counts turns from */
  epochMs: number;
}

export interface ScreenDocument {
  width: number;
  height: number;
  fps: number;
  changeEveryS: number;
}

export interface MediaPatterns {
  /** a sender talking on a schedule (absent: all the time) */
  speaking?: SpeakingOptions | null;
  /** the sharer: the document its getDisplayMedia hands out */
  screenDocument?: ScreenDocument | null;
  /** read getStats by media source; `screenTracks` is the adapter's function body naming received shares */
  mediaSources?: { screenTracks: string | null } | null;
}

/** installs the patterns' page scripts; after the media scripts, whose getUserMedia the speaking gate wraps */
export async function installMediaPatterns(page: Page, patterns: MediaPatterns): Promise<void> {
  const script = (global: string, value: unknown, name: Parameters<typeof pageScript>[0]): string =>
    `window.${global} = ${JSON.stringify(value)};\n${pageScript(name)}`;
  if (patterns.speaking && patterns.speaking.schedule.pattern !== 'always')
    await page.evaluateOnNewDocument(script('__meetbenchSpeaking', patterns.speaking, 'speaking'));
  if (patterns.screenDocument) await page.evaluateOnNewDocument(script('__meetbenchScreenShare', patterns.screenDocument, 'screen-document'));
  if (patterns.mediaSources) await page.evaluateOnNewDocument(script('__meetbenchMediaSourcesConfig', patterns.mediaSources, 'media-sources'));
}
