/**
 * The scenario file schema: the single source of the TypeScript types, the defaults, the validation of
 * `meetbench validate` and the JSON Schema editors use (scenarios/scenario.schema.json, written by
 * `npm run schemas`). Objects are strict: an unknown key is a typo until proven otherwise.
 */
import { z } from 'zod';
import { profileNameSchema, profileSchema } from '../network/profile-schema.ts';
import { deviceNameSchema, deviceOverrideSchema } from '../devices/device-schema.ts';
import { capacitySchema } from './capacity-schema.ts';
import { MAX_AUDIO_INPUTS_PER_BROWSER, MICROPHONES, microphonesOpened, sendersInFirstBrowser } from '../participants/audio-inputs.ts';
import { remoteCount, remoteSchema } from '../participants/remote-browsers.ts';
import { CAMERAS } from '../participants/video-inputs.ts';
import { webLoadSchema } from './web-load-schema.ts';
import { screenShareSchema, speakingSchema } from './media-patterns-schema.ts';

const positiveInt = (max: number) => z.number().int().min(1).max(max);

export const platformSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'lower-case letters, digits and "-" (it names the platform in reports)'),
    title: z.string().optional().describe('name shown to decision-makers, e.g. "Zimbra Connect (pilot)"'),
    adapter: z.string().describe('join recipe, see `meetbench platforms`'),
    url: z
      .string()
      .describe(
        'base URL of the deployment, or a lab platform: "lab:janus", "lab:livekit", "lab:galene", "lab:carbonio" (a reconstruction of the Carbonio media plane), "lab:zimbra-p2p" (of the Zimbra Connect peer-to-peer calls)',
      ),
    options: z.record(z.string(), z.unknown()).default({}).describe('adapter options, see `meetbench platforms`'),
    acceptSelfSignedCertificate: z
      .boolean()
      .default(false)
      .describe('in-house platforms with a self-signed or private-CA certificate: the browsers of this platform accept any certificate (off by default)'),
  })
  .describe('one deployment to evaluate');

export const mediaSchema = z.strictObject({
  width: z.number().int().min(16).max(1920).default(320),
  height: z.number().int().min(16).max(1080).default(180),
  fps: z.number().int().min(1).max(60).default(15),
  microphone: z
    .enum(MICROPHONES)
    .default('device')
    .describe(
      "device: Chromium's fake microphone, opened and processed as the platform asks (at most 16 per browser); generated: a tone generated in the page and sent as Opus, with no audio device and no audio processing: cheaper, no 16-per-browser limit, and coded as a participant who talks all the time (docs/scale.md); its numbered markers give the receivers' audio latency (docs/quality.md)",
    ),
  camera: z
    .enum(CAMERAS)
    .default('device')
    .describe(
      "device: Chromium's fake camera; generated: a moving test pattern generated in the page under a frame stamp (who sent it, its number, when), which the receivers read to measure video latency, freezes and picture quality (PSNR, SSIM); it costs less than the fake device (docs/quality.md)",
    ),
  speaking: speakingSchema,
});

// network profiles: participant groups, inline profiles, timeline actions; see docs/networks.md
const groupSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]{0,30}$/, 'letters, digits, "-" and "_"')
    .optional()
    .describe('names the group in timeline actions'),
  count: positiveInt(64),
  network: z.string().optional().describe("network profile of this group; default: the trial's network"),
  device: z
    .union([deviceNameSchema, deviceOverrideSchema])
    .optional()
    .describe('device profile of this group (scenarios/devices.yaml or deviceProfiles), or one of its own; default: the browser as it is (docs/devices.md)'),
  calibrationDelayMs: z
    .number()
    .int()
    .min(0)
    .max(5000)
    .optional()
    .describe(
      "calibration: the group's generated camera and microphone hold every frame and audio chunk this long before sending it, so measured latency must rise by as much (docs/quality.md)",
    ),
});

const targetFields = {
  group: z.string().optional().describe('a participant group name'),
  participants: z.array(z.string()).min(1).optional().describe('participant names, e.g. bench2'),
};

const timelineActionSchema = z
  .strictObject({
    at: z.number().min(0).describe('seconds after the start of the measurement window'),
    cut: z.strictObject({ ...targetFields, durationS: z.number().min(1).max(3600).describe('how long the network stays cut') }).optional(),
    profile: z.strictObject({ ...targetFields, network: z.string().describe('the profile to switch to') }).optional(),
  })
  .refine((a) => (a.cut === undefined) !== (a.profile === undefined), { message: 'an action is either cut or profile' })
  .refine(
    (a) => {
      const t = a.cut ?? a.profile;
      return !t || (t.group === undefined) !== (t.participants === undefined);
    },
    { message: 'name either group or participants' },
  )
  .describe('at T seconds, cut the network of some participants for a while, or change their profile');

export const scenarioSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,60}$/, 'letters, digits, ".", "_" and "-"'),
    description: z.string().optional(),
    platforms: z.array(platformSchema).min(1, 'at least one platform'),
    participants: z
      .strictObject({
        count: positiveInt(64).describe('participants per trial'),
        receivers: z.number().int().min(0).default(0).describe('how many of them join receive-only'),
        media: mediaSchema.default({ width: 320, height: 180, fps: 15, microphone: 'device', camera: 'device', speaking: 'always' }),
        rampUpMs: z.number().int().min(0).max(600_000).default(1000).describe('pause between two joins'),
        namePrefix: z
          .string()
          .regex(/^[A-Za-z][A-Za-z0-9]{0,20}$/, 'letters and digits (some platforms refuse other characters)')
          .default('bench'),
        groups: z.array(groupSchema).min(1).optional().describe('participants split in groups with their own network profile, in order'),
      })
      .refine((p) => p.receivers <= p.count, { message: 'receivers cannot exceed count', path: ['receivers'] })
      .refine((p) => !p.groups || p.groups.reduce((sum, g) => sum + g.count, 0) === p.count, {
        message: "the groups' counts must add up to count",
        path: ['groups'],
      })
      // only generated media can be held back: the fake devices belong to the browser
      .refine((p) => !p.groups?.some((g) => g.calibrationDelayMs) || p.media.camera === 'generated' || p.media.microphone === 'generated', {
        message: 'calibrationDelayMs delays generated media only: set participants.media.camera or microphone to generated',
        path: ['groups'],
      }),
    rooms: z
      .strictObject({
        count: positiveInt(64).default(1),
        bitrateKbps: z.number().int().min(16).max(100_000).optional().describe("lab platforms only: the rooms' per-publisher bitrate cap (default 512)"),
      })
      .default({ count: 1 })
      .describe('participants are spread over this many rooms'),
    durationS: z.number().min(1).max(86_400).default(30).describe('measurement window after everybody joined'),
    warmupS: z.number().min(0).max(3_600).default(5).describe('seconds after the last join that are not measured'),
    networks: z.array(z.string()).min(1).default(['lan']).describe('network profiles to run the scenario under (scenarios/networks.yaml or networkProfiles)'),
    networkProfiles: z.record(profileNameSchema, profileSchema).default({}).describe('custom network profiles, by name, besides the catalogue'),
    deviceProfiles: z
      .record(deviceNameSchema, deviceOverrideSchema)
      .default({})
      .describe('custom device profiles, by name, besides the catalogue (scenarios/devices.yaml)'),
    acceptPartialShaping: z
      .boolean()
      .default(false)
      .describe('run even when this machine cannot apply every part of a profile (the report says what was not applied)'),
    timeline: z.array(timelineActionSchema).default([]).describe('network actions during the measurement window'),
    screenShare: screenShareSchema.optional(),
    repeats: positiveInt(100).default(1),
    timeouts: z
      .strictObject({
        joinMs: z.number().int().min(1000).max(600_000).default(30_000).describe('navigation to joined, per participant'),
        closeMs: z.number().int().min(100).max(60_000).default(5_000).describe('browser close before it is killed'),
      })
      .default({ joinMs: 30_000, closeMs: 5_000 }),
    runner: z
      .strictObject({
        maxCpuPct: z.number().min(10).max(100).default(85).describe('average runner CPU above which results are inconclusive'),
        browser: z.enum(['per-participant', 'shared']).default('per-participant').describe('one browser per participant, or contexts of one'),
        participantsPerBrowser: z
          .number()
          .int()
          .min(1)
          .max(64)
          .optional()
          .describe(
            'shared: participants per browser process (default all, split so that no browser has more than 16 senders: Chromium opens at most 16 microphones per browser)',
          ),
        isolation: z
          .enum(['context', 'page'])
          .default('context')
          .describe(
            'shared: each participant in an incognito context (its own cookies, storage and connection pool; a renderer process each), or a page of one profile, so participants on the same site share a renderer process (about 10 points of runner CPU less for 10 participants, docs/scale.md); page needs an adapter that allows it',
          ),
        render: z.boolean().default(true).describe('false: hide video elements in shared browsers (decoded, not painted)'),
        playAudio: z
          .boolean()
          .default(true)
          .describe(
            'false: remote audio is received and counted but not played (no audio_concealed_pct); about 12 points of runner CPU for 10 participants (docs/scale.md)',
          ),
      })
      .default({ maxCpuPct: 85, browser: 'per-participant', isolation: 'context', render: true, playAudio: true }),
    remote: remoteSchema.optional(),
    capacity: capacitySchema.optional(),
    webLoad: webLoadSchema.optional(),
    criteria: z.string().optional().describe('criteria file, relative to this scenario file'),
  })
  .superRefine((s, ctx) => {
    const perBrowser = s.runner.participantsPerBrowser;
    const senders = microphonesOpened(s.participants.count - s.participants.receivers, s.participants.media.microphone);
    if (s.runner.browser === 'shared' && perBrowser !== undefined && sendersInFirstBrowser(perBrowser, senders) > MAX_AUDIO_INPUTS_PER_BROWSER) {
      ctx.addIssue({
        code: 'custom',
        path: ['runner', 'participantsPerBrowser'],
        message: `${perBrowser} participants per browser puts ${sendersInFirstBrowser(perBrowser, senders)} senders in one, but Chromium opens at most ${MAX_AUDIO_INPUTS_PER_BROWSER} microphones per browser (the others fail, or publish without audio); expected at most ${MAX_AUDIO_INPUTS_PER_BROWSER}, or leave it out (meetbench then splits at ${MAX_AUDIO_INPUTS_PER_BROWSER}), or generate the microphones in the page (participants.media.microphone: generated)`,
      });
    }
    if (s.screenShare) {
      const senders = s.participants.count - s.participants.receivers;
      const sharer = s.screenShare.participant;
      const index = Number(sharer.slice(s.participants.namePrefix.length)) - 1;
      if (!sharer.startsWith(s.participants.namePrefix) || !Number.isInteger(index) || index < 0 || index >= senders) {
        ctx.addIssue({
          code: 'custom',
          path: ['screenShare', 'participant'],
          message: `"${sharer}" is not a sender of this scenario; expected one of ${s.participants.namePrefix}1 to ${s.participants.namePrefix}${senders} (receivers share nothing)`,
        });
      }
    }
    const groups = new Set((s.participants.groups ?? []).map((g) => g.name).filter(Boolean));
    s.timeline.forEach((action, i) => {
      const kind = action.cut ? 'cut' : 'profile';
      const target = action.cut ?? action.profile;
      if (target?.group !== undefined && !groups.has(target.group)) {
        ctx.addIssue({
          code: 'custom',
          path: ['timeline', i, kind, 'group'],
          message: `no participant group named "${target.group}"${groups.size > 0 ? `; groups: ${[...groups].join(', ')}` : ' (name groups under participants.groups)'}`,
        });
      }
      const end = action.at + (action.cut?.durationS ?? 0);
      if (end >= s.durationS)
        ctx.addIssue({
          code: 'custom',
          path: ['timeline', i, 'at'],
          message: `the action ends at ${end} s, not inside the ${s.durationS} s measurement window (recovery needs time after it)`,
        });
    });
  })
  .refine((s) => remoteCount(s.remote) <= s.participants.count, {
    message: 'more participants placed on remote browsers than participants.count',
    path: ['remote'],
  })
  // pages of one profile exist only inside a shared browser; per-participant browsers are already apart
  .refine((s) => s.runner.isolation === 'context' || s.runner.browser === 'shared', {
    message: 'isolation: page needs browser: shared (per-participant browsers have a profile each)',
    path: ['runner', 'isolation'],
  })
  .describe('meetbench scenario');

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioPlatform = z.output<typeof platformSchema>;
