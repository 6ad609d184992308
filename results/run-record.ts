/**
 * The run record: the only contract between the runner (writes), the criteria and scorecards (read),
 * the viewer (reads) and `meetbench report --format json` (prints). Extend it, never break it:
 * readers must accept records with fields they do not know, and `schemaVersion` says which shape this is.
 */
import { z } from 'zod';

export const RUN_SCHEMA_VERSION = 1;

export const verdictSchema = z.enum(['passed', 'failed', 'inconclusive', 'broken']);
export type Verdict = z.infer<typeof verdictSchema>;

const summarySchema = z.object({ avg: z.number().nullable(), p95: z.number().nullable() });
export type Summary = z.infer<typeof summarySchema>;

export const phasesSchema = z.object({
  /** navigation start to the page's load event */
  pageLoadMs: z.number().nullable(),
  /** navigation start to the join control being ready */
  uiReadyMs: z.number().nullable(),
  /**
   * navigation start to the join action (0 for a link that joins by itself as it loads); absent in runs
   * stored before it was kept, where the join action was taken to be uiReady
   */
  joinActionMs: z.number().nullable().optional(),
  /** join action to the first remote description applied */
  signallingMs: z.number().nullable(),
  /** join action to the first peer connection reaching ICE connected */
  iceMs: z.number().nullable(),
});
export type Phases = z.infer<typeof phasesSchema>;

const shapingLimitsSchema = z.object({
  rateKbps: z.number().nullable(),
  delayMs: z.number().nullable(),
  jitterMs: z.number().nullable(),
  lossPct: z.number().nullable(),
});

export const timelineEventSchema = z.object({
  /** seconds after the start of the measurement window */
  at: z.number(),
  action: z.enum(['cut', 'profile']),
  /** cut: how long the network was cut */
  durationS: z.number().nullable().optional(),
  /** profile: the profile switched to */
  network: z.string().nullable().optional(),
  /** cut: seconds from the end of the cut to the end of the first 1-s sample with media in both directions (null: never within the window) */
  recoveryS: z.number().nullable().optional(),
  /** cut: still in the meeting at the end of the window (a peer connection connected, browser alive) */
  stayed: z.boolean().nullable().optional(),
  /** profile: parts not applied by this machine */
  notApplied: z.array(z.string()).optional(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

/**
 * The device a participant was (scenario `participants.groups[].device`): the profile as applied, and what
 * its page read once joined (null when it never joined). Absent: the browser as it is, nothing emulated.
 */
export const participantDeviceSchema = z.object({
  name: z.string(),
  title: z.string(),
  viewport: z.object({ width: z.number(), height: z.number() }),
  deviceScaleFactor: z.number(),
  mobile: z.boolean(),
  touchPoints: z.number(),
  /** the user agent sent, null: the browser's own */
  userAgent: z.string().nullable(),
  /** the page's main thread ran this many times slower (DevTools CPU throttling) */
  cpuSlowdown: z.number(),
  observed: z
    .object({
      userAgent: z.string(),
      width: z.number(),
      height: z.number(),
      devicePixelRatio: z.number(),
      maxTouchPoints: z.number(),
      uaMobile: z.boolean().nullable(),
      uaPlatform: z.string().nullable(),
    })
    .nullable(),
});
export type ParticipantDevice = z.infer<typeof participantDeviceSchema>;
const latencySummarySchema = z.object({ p50: z.number(), p95: z.number() });

/** what one receiver saw of one sender (docs/quality.md); a part that could not be measured is null, with why in `noData` */
export const pairQualitySchema = z.object({
  sender: z.string(),
  video: z
    .object({
      /** frame made (stamp) to frame decoded here, ms */
      latencyMs: latencySummarySchema,
      frames: z.number(),
      /** frames the sender made that never reached this receiver */
      skipped: z.number(),
      freezeCount: z.number(),
      /** share of the window the picture stayed frozen */
      freezeRatio: z.number(),
      freezes: z.array(z.object({ atS: z.number(), durationS: z.number() })),
      psnrDb: z.number().nullable(),
      ssim: z.number().nullable(),
      /** the decoded size at the end of the window */
      width: z.number(),
      height: z.number(),
    })
    .nullable(),
  audio: z.object({ latencyMs: latencySummarySchema, markers: z.number() }).nullable(),
  avSyncMs: z.number().nullable(),
  audioLossPct: z.number().nullable(),
  mos: z.number().nullable(),
  noData: z.array(z.object({ metric: z.string(), why: z.string() })),
});
export type PairQualityRecord = z.infer<typeof pairQualitySchema>;

export const participantQualitySchema = z.object({
  /** one entry per sender of the participant's room */
  pairs: z.array(pairQualitySchema),
  /** where the MOS's delay came from: the audio markers, or estimated from the network */
  mosDelay: z.enum(['measured', 'estimated']).nullable(),
  /** quality metrics this participant could not measure, and why */
  unmeasured: z.array(z.object({ metric: z.string(), why: z.string() })),
  /** this browser's clock against the runner's (remote browsers), null when it is the runner's */
  clock: z.object({ offsetMs: z.number(), uncertaintyMs: z.number() }).nullable().optional(),
});
export type ParticipantQuality = z.infer<typeof participantQualitySchema>;

export const participantResultSchema = z.object({
  name: z.string(),
  role: z.enum(['sender', 'receiver']).default('sender'),
  room: z.string().optional(),
  /** network profile applied to this participant, null when none */
  network: z.string().nullable().optional(),
  joined: z.boolean(),
  joinTimeMs: z.number().nullable(),
  phases: phasesSchema,
  firstRemoteFrameMs: z.number().nullable(),
  uplinkKbps: summarySchema,
  downlinkKbps: summarySchema,
  /** ground truth from the veth counters of the participant's lab namespace; null outside the lab */
  kernel: z
    .object({
      uplinkKbps: z.number().nullable(),
      downlinkKbps: z.number().nullable(),
      /** the same minus the Ethernet/IP/UDP headers of every packet: the figure comparable with getStats */
      uplinkPayloadKbps: z.number().nullable().optional(),
      downlinkPayloadKbps: z.number().nullable().optional(),
    })
    .nullable(),
  /** per-participant summary value of every metric of the catalogue measured (window after warm-up) */
  metrics: z.record(z.string(), z.number().nullable()).default({}),
  /**
   * the network profile as applied to this participant: its limits per direction, what this
   * machine applied (with the mechanism) and what it could not (with why); absent when nothing was shaped
   */
  shaping: z
    .object({
      profile: z.string(),
      uplink: shapingLimitsSchema,
      downlink: shapingLimitsSchema,
      firewall: z.string().nullable().optional(),
      applied: z.array(z.string()),
      notApplied: z.array(z.string()),
    })
    .optional(),
  /** timeline actions that touched this participant, with the recovery after a cut */
  timeline: z.array(timelineEventSchema).optional(),
  /** the device it was (viewport, touch, user agent, CPU slow-down), when its group names one */
  device: participantDeviceSchema.optional(),
  /** what it saw and heard of each sender (generated media only: docs/quality.md) */
  quality: participantQualitySchema.optional(),
  /** where the participant's browser ran: local (its own process), shared-N (a context of a shared browser), cdp-N, grid-N */
  browser: z.string().nullable().optional(),
  /** the ICE candidate type of the selected pair: host, srflx, prflx or relay */
  candidateType: z.string().nullable().optional(),
  /** what failed, e.g. "join: waiting for #register (timeout 20000 ms)", or null */
  error: z.string().nullable(),
  /** the step that failed, e.g. "navigate", "join", "joined-signal", "media", "browser-crashed" */
  errorStep: z.string().nullable().optional(),
  /** artifact file names (inside the trial's artifact folder): screenshots, console logs */
  artifacts: z.array(z.string()).default([]),
  consoleErrors: z.array(z.string()).default([]),
});
export type ParticipantResult = z.infer<typeof participantResultSchema>;

export const criterionResultSchema = z.object({
  id: z.string(),
  metric: z.string(),
  threshold: z.string(),
  level: z.enum(['error', 'warn', 'off']),
  value: z.number().nullable(),
  outcome: z.enum(['pass', 'fail', 'no-data', 'error']),
  values: z.array(z.number()).optional(),
  reason: z.string().optional(),
  /** what "no data" meant for this criterion when it is not a fail (skip, pass): reports rebuilt from the record keep it */
  noData: z.enum(['pass', 'skip']).optional(),
});
export type CriterionResult = z.infer<typeof criterionResultSchema>;

export const runnerHealthSchema = z.object({
  cpuPct: z.object({ avg: z.number().nullable(), max: z.number().nullable() }),
  saturated: z.boolean(),
  reason: z.string().nullable().optional(),
  cores: z.number().optional(),
  loadAvg: z.number().nullable().optional(),
  /** the busiest thread of the local participants' browsers over the window, in percent of one core */
  busiestThread: z.object({ thread: z.string(), pctOfCore: z.number() }).optional(),
});
export type RunnerHealth = z.infer<typeof runnerHealthSchema>;

const latencySchema = z.object({
  p50: z.number().nullable(),
  p90: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
  max: z.number().nullable(),
});

/** web-tier load during the trial (scenario `webLoad`): autocannon against the platform's web endpoints */
export const webLoadResultSchema = z.object({
  durationS: z.number(),
  connections: z.number(),
  rate: z.number().nullable(),
  targets: z.array(z.object({ url: z.string(), requests: z.number(), errors: z.number(), timeouts: z.number(), non2xx: z.number(), latencyMs: latencySchema })),
  requests: z.number(),
  errorRate: z.number().nullable(),
  latencyMs: latencySchema,
  requestsPerS: z.number().nullable(),
});
export type WebLoadResultRecord = z.infer<typeof webLoadResultSchema>;

/** a browser that hosted several participants (shared, CDP, Grid); kernel rates are the group's, when it ran in a lab namespace */
export const poolBrowserSchema = z.object({
  id: z.string(),
  kind: z.enum(['shared', 'cdp', 'grid']),
  participants: z.array(z.string()),
  namespace: z.string().nullable(),
  kernel: z.object({ uplinkKbps: z.number().nullable(), downlinkKbps: z.number().nullable() }).nullable().optional(),
  /** a shared browser's renderer processes at the end of the window: one per context, or shared by pages (isolation: page) */
  renderers: z.number().nullable().optional(),
});

/** one step of a capacity search: a trial of `size` participants in one room */
export const capacityStepSchema = z.object({
  size: z.number(),
  trialId: z.string(),
  verdict: verdictSchema,
  joined: z.number(),
  joinTimeMs: z.object({ p50: z.number().nullable(), p95: z.number().nullable() }),
  uplinkKbps: z.number().nullable(),
  downlinkKbps: z.number().nullable(),
  packetLossPct: z.number().nullable(),
  runnerCpuPct: z.number().nullable(),
  /** error-level criteria this step failed (ids), when a criteria file judged it */
  failedCriteria: z.array(z.string()).default([]),
});

/** a capacity search on one platform and network (scenario `capacity`) */
export const capacitySearchSchema = z.object({
  platform: z.string(),
  network: z.string(),
  sizes: z.array(z.number()),
  steps: z.array(capacityStepSchema),
  /** the largest size that met the criteria (and fully joined on an unsaturated runner); null when none did */
  largestPassing: z.number().nullable(),
  stoppedBecause: z.enum(['criteria-failed', 'not-all-joined', 'runner-saturated', 'broken', 'max-reached', 'interrupted']),
  explanation: z.string(),
});
export type CapacitySearch = z.infer<typeof capacitySearchSchema>;
export type CapacityStep = z.infer<typeof capacityStepSchema>;

/**
 * The senders' media: camera size and rate, and the microphone: Chromium's fake device (short beeps), a
 * tone generated in the page (a participant who talks all the time), or both (local device microphones
 * beside remote browsers, which always send the tone); bandwidth planning states which. The camera: the
 * fake device, the stamped test pattern generated in the page (which the receivers' quality metrics
 * read), or both; absent from records made before it was kept.
 */
export const trialMediaSchema = z.object({
  width: z.number().int(),
  height: z.number().int(),
  fps: z.number(),
  microphone: z.enum(['device', 'generated', 'mixed']),
  /** who talked when (scenario participants.media.speaking); absent: everyone all the time */
  speaking: z
    .object({
      pattern: z.enum(['always', 'turns', 'share']),
      turnS: z.number().optional(),
      speakers: z.number().optional(),
      share: z.number().optional(),
      burstS: z.number().optional(),
    })
    .optional(),
  camera: z.enum(['device', 'generated', 'mixed']).optional(),
});
export type TrialMedia = z.infer<typeof trialMediaSchema>;

/**
 * How a platform carries a meeting's media, which decides how bandwidth grows with its size (bandwidth
 * planning): sfu, every participant sends once and receives every other's streams; sfu-mixed-audio, the
 * same for video while the server mixes the audio into one stream per participant (Carbonio); mesh,
 * every participant sends to and receives from every other directly (Zimbra Connect's peer-to-peer calls).
 */
export const mediaModelSchema = z.enum(['sfu', 'sfu-mixed-audio', 'mesh']);
export type MediaModel = z.infer<typeof mediaModelSchema>;

/**
 * A lab platform that stands for a product it is not (a reconstruction of its media plane from public
 * sources), named as such wherever its results are shown, with the sources it was built from.
 */
export const labPlatformSchema = z.object({
  id: z.string(),
  title: z.string(),
  reconstruction: z.boolean(),
  sources: z.array(z.object({ label: z.string(), url: z.string() })),
});
export type LabPlatformInfo = z.infer<typeof labPlatformSchema>;

export const trialSchema = z.object({
  id: z.string(),
  platform: z.string(),
  adapter: z.string().optional(),
  scenario: z.string(),
  network: z.string(),
  repeat: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationS: z.number().optional(),
  verdict: verdictSchema,
  /** why the verdict is what it is, in plain words */
  reason: z.string().nullable().optional(),
  participants: z.array(participantResultSchema),
  criteria: z.array(criterionResultSchema).default([]),
  runner: runnerHealthSchema,
  /** name of the NDJSON file of per-second samples, beside the store */
  samplesFile: z.string().nullable().optional(),
  /** browsers shared by several participants (scenario runner.browser: shared, remote browsers) */
  browsers: z.array(poolBrowserSchema).optional(),
  webLoad: webLoadResultSchema.optional(),
  /** metrics this trial's own settings turned off (e.g. audio_concealed_pct with runner.playAudio: false), and why */
  notMeasured: z.array(z.object({ metric: z.string(), why: z.string() })).optional(),
  /** what the senders sent (scenario participants.media); absent from records made before it was kept */
  media: trialMediaSchema.optional(),
  /** the screen share of the trial (scenario screenShare): who shared what; the sharer's error says when it did not start */
  screenShare: z.object({ participant: z.string(), width: z.number(), height: z.number(), fps: z.number(), changeEveryS: z.number() }).optional(),
  /** collectors that failed during the trial (their data is missing, the rest stands), e.g. "busiest thread: stop: …" */
  collectorErrors: z.array(z.string()).optional(),
  /** how the platform carries media, when its adapter says (bandwidth planning projects with it) */
  mediaModel: mediaModelSchema.optional(),
  /** the most participants one meeting of the platform holds, and why (a mesh's group size) */
  roomLimit: z.object({ max: z.number().int(), why: z.string() }).optional(),
  /** the lab platform the trial ran on, when it stands for another product (a reconstruction), with its sources */
  labPlatform: labPlatformSchema.optional(),
});
export type Trial = z.infer<typeof trialSchema>;

export const runRecordSchema = z.object({
  schemaVersion: z.literal(RUN_SCHEMA_VERSION),
  id: z.string(),
  kind: z.enum(['run', 'nightly', 'demo']).default('run'),
  /** suite or scenario file name the run came from */
  source: z.string().optional(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** running: still in progress; complete; incomplete: stopped early (signal, deadline); aborted: the process died */
  status: z.enum(['running', 'complete', 'incomplete', 'aborted']).default('complete'),
  verdict: verdictSchema,
  reason: z.string().nullable().optional(),
  trials: z.array(trialSchema),
  host: z.object({ hostname: z.string(), cores: z.number(), memoryMb: z.number(), browser: z.string().nullable() }).optional(),
  /** capacity searches (scenario `capacity`), one per platform and network */
  capacity: z.array(capacitySearchSchema).optional(),
});
export type RunRecord = z.infer<typeof runRecordSchema>;

/** One per-second reading of one participant, one line of a trial's NDJSON samples file. */
export interface Sample {
  t: number;
  participant: string;
  uplinkKbps: number | null;
  downlinkKbps: number | null;
  audioUplinkKbps?: number | null;
  videoUplinkKbps?: number | null;
  audioDownlinkKbps?: number | null;
  videoDownlinkKbps?: number | null;
  packetLossPct?: number | null;
  jitterMs?: number | null;
  rttMs?: number | null;
  fpsSent?: number | null;
  fpsReceived?: number | null;
  frameHeightReceived?: number | null;
  freezeCount?: number | null;
  freezeDurationMs?: number | null;
  qualityLimitation?: string | null;
  qualityLimitedPct?: number | null;
  audioConcealedPct?: number | null;
  connectedPcs?: number;
  kernelUplinkKbps?: number | null;
  kernelDownlinkKbps?: number | null;
  kernelUplinkPayloadKbps?: number | null;
  kernelDownlinkPayloadKbps?: number | null;
  cpuPct?: number | null;
  memoryMb?: number | null;
  /** a screen share's video apart from the camera's (scenario screenShare): kbit/s and frames per second per stream */
  screenUplinkKbps?: number | null;
  screenDownlinkKbps?: number | null;
  screenFpsSent?: number | null;
  screenFpsReceived?: number | null;
  screenFrameHeightReceived?: number | null;
  cameraUplinkKbps?: number | null;
  cameraDownlinkKbps?: number | null;
  cameraFpsReceived?: number | null;
  /** average audio level over the second (getStats energy; 0 silence, 1 full scale): the microphone sent, the loudest stream received */
  audioLevelSent?: number | null;
  audioLevelReceived?: number | null;
  /** the share of the second the speaking schedule had this sender talk (0 to 1) */
  speaking?: number | null;
  /** this second, per sender it receives (generated media only) */
  pairs?: PairSample[];
}

/** one second of one sender → receiver pair: medians of the frames and markers of that second */
export interface PairSample {
  sender: string;
  videoLatencyMs: number | null;
  audioLatencyMs: number | null;
  /** new frames of this sender decoded that second */
  fps: number | null;
  psnrDb: number | null;
}

/** Verdict precedence when several trials make a run: broken beats inconclusive beats failed beats passed. */
export function combineVerdicts(verdicts: Verdict[]): Verdict {
  if (verdicts.length === 0) return 'broken';
  for (const v of ['broken', 'inconclusive', 'failed'] as const) if (verdicts.includes(v)) return v;
  return 'passed';
}
