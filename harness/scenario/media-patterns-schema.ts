/**
 * What senders do besides sending their camera and microphone: talk in turns or part of the time
 * (`participants.media.speaking`), and share a screen (`screenShare`). Beside the scenario schema that
 * uses them; docs/devices.md says how each is produced in the page.
 */
import { z } from 'zod';

const turnsSchema = z.strictObject({
  pattern: z.literal('turns'),
  turnS: z.number().min(1).max(600).default(5).describe('how long one turn lasts'),
  speakers: z.number().int().min(1).max(64).default(1).describe('how many talk at once'),
});

const shareSchema = z.strictObject({
  pattern: z.literal('share'),
  share: z.number().gt(0).max(1).describe('the share of the time each sender talks, e.g. 0.3'),
  burstS: z.number().min(1).max(600).default(4).describe('how long one burst of talk or of silence lasts'),
  seed: z.number().int().min(0).default(1).describe('the same seed gives the same conversation'),
});

export const speakingSchema = z
  .union([z.enum(['always', 'turns']), turnsSchema, shareSchema])
  .default('always')
  .describe(
    'always: every sender talks all the time; turns: senders talk one after another (turns of 5 s, or { pattern: turns, turnS, speakers }); { pattern: share, share: 0.3 }: each sender talks that share of the time, in bursts. Silence is a disabled microphone track, as a muted one (docs/devices.md)',
  );

export const screenShareSchema = z
  .strictObject({
    participant: z.string().describe('who shares, a sender, e.g. bench1'),
    width: z.number().int().min(320).max(3840).default(1280).describe('the shared document in pixels'),
    height: z.number().int().min(180).max(2160).default(720),
    fps: z.number().int().min(1).max(30).default(5).describe("frames per second of the capture (the presenter's pointer moves at this rate)"),
    changeEveryS: z.number().min(1).max(600).default(5).describe("seconds between two changes of the slide's figures"),
  })
  .describe("one participant shares a generated document (a slide with text and a changing table) through the platform's own share, once joined");

export type SpeakingSpec = z.output<typeof speakingSchema>;
export type ScreenShareSpec = z.output<typeof screenShareSchema>;
