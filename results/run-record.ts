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
  /** join action to the first remote description applied */
  signallingMs: z.number().nullable(),
  /** join action to the first peer connection reaching ICE connected */
  iceMs: z.number().nullable(),
});
export type Phases = z.infer<typeof phasesSchema>;

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
});
export type CriterionResult = z.infer<typeof criterionResultSchema>;

export const runnerHealthSchema = z.object({
  cpuPct: z.object({ avg: z.number().nullable(), max: z.number().nullable() }),
  saturated: z.boolean(),
  reason: z.string().nullable().optional(),
  cores: z.number().optional(),
  loadAvg: z.number().nullable().optional(),
});
export type RunnerHealth = z.infer<typeof runnerHealthSchema>;

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
}

/** Verdict precedence when several trials make a run: broken beats inconclusive beats failed beats passed. */
export function combineVerdicts(verdicts: Verdict[]): Verdict {
  if (verdicts.length === 0) return 'broken';
  for (const v of ['broken', 'inconclusive', 'failed'] as const) if (verdicts.includes(v)) return v;
  return 'passed';
}

export const EXIT_CODES = { passed: 0, failed: 1, invalid: 2, broken: 3, inconclusive: 4, interrupted: 130 } as const;
