/**
 * From what the runner saw of one participant (its join, its samples, its browser) to its entry in the run
 * record: join time and phases from the page's marks, rates summarised over the window, and the
 * per-participant value of every metric criteria read (participant-metrics.ts). Pure: the runner
 * gathers the inputs, this decides what they mean.
 */
import type { ParticipantResult, Sample } from '../run-record.ts';
import { summarize } from '../statistics.ts';
import { participantMetrics } from './participant-metrics.ts';

/** ms since navigation start of the page's events, as the in-page collector marks them */
export interface JoinMarks {
  pageLoad?: number;
  uiReady?: number;
  joinAction?: number;
  remoteDescription?: number;
  iceConnected?: number;
  firstRemoteFrame?: number;
}

export interface JoinRecord {
  joined: boolean;
  marks: JoinMarks;
  joinTimeMs: number | null;
  error: string | null;
  errorStep: string | null;
}

export interface ObservedParticipant {
  info: { name: string; role: 'sender' | 'receiver'; room: string };
  /** null: the participant never started (the trial was cut before its turn) */
  join: JoinRecord | null;
  /** its samples over the measurement window */
  samples: Sample[];
  /** ran in a lab namespace: the kernel counted its bytes */
  inNamespace: boolean;
  crashedDuringWindow: boolean;
  /** joined, then out of the meeting at the end of the window: what the platform said */
  leftMeeting: string | null;
  /** where its browser ran: local, shared-N, cdp-N, grid-N */
  where: string | null;
  candidateType: string | null;
  artifacts: string[];
  consoleErrors: string[];
}

const NEVER_STARTED: JoinRecord = { joined: false, marks: {}, joinTimeMs: null, error: 'never started', errorStep: 'launch' };

const since = (from: number | undefined, to: number | undefined): number | null =>
  from !== undefined && to !== undefined ? Math.max(0, Math.round(to - from)) : null;

/** @param trialMetrics metrics measured for the whole trial that every participant carries (web-tier load) */
export function participantResult(observed: ObservedParticipant, platformId: string, trialMetrics: Record<string, number | null>): ParticipantResult {
  const o = observed.join ?? NEVER_STARTED;
  const { marks } = o;
  const { samples } = observed;
  const metrics = participantMetrics(samples);
  metrics.join_time_ms = o.joinTimeMs;
  metrics.join_success = o.joined ? 1 : 0;
  metrics.first_remote_frame_ms = marks.firstRemoteFrame ?? null;
  metrics.page_load_ms = marks.pageLoad ?? null;
  metrics.ui_ready_ms = marks.uiReady ?? null;
  metrics.signalling_ms = since(marks.joinAction, marks.remoteDescription);
  metrics.ice_ms = since(marks.joinAction, marks.iceConnected);
  Object.assign(metrics, trialMetrics);
  const crashed = observed.crashedDuringWindow;
  return {
    name: observed.info.name,
    role: observed.info.role,
    room: observed.info.room,
    network: null,
    joined: o.joined,
    joinTimeMs: o.joinTimeMs,
    phases: {
      pageLoadMs: metrics.page_load_ms,
      uiReadyMs: metrics.ui_ready_ms,
      joinActionMs: marks.joinAction ?? null,
      signallingMs: metrics.signalling_ms,
      iceMs: metrics.ice_ms,
    },
    firstRemoteFrameMs: marks.firstRemoteFrame ?? null,
    uplinkKbps: summarize(samples.map((s) => s.uplinkKbps)),
    downlinkKbps: summarize(samples.map((s) => s.downlinkKbps)),
    kernel: observed.inNamespace
      ? {
          uplinkKbps: metrics.kernel_uplink_kbps ?? null,
          downlinkKbps: metrics.kernel_downlink_kbps ?? null,
          uplinkPayloadKbps: summarize(samples.map((s) => s.kernelUplinkPayloadKbps)).avg,
          downlinkPayloadKbps: summarize(samples.map((s) => s.kernelDownlinkPayloadKbps)).avg,
        }
      : null,
    metrics,
    browser: observed.where,
    candidateType: observed.candidateType,
    error: crashed
      ? `the browser disappeared during the measurement (crash or kill) on ${platformId}`
      : observed.leftMeeting
        ? `left the meeting during the measurement on ${platformId}: ${observed.leftMeeting}`
        : o.error,
    errorStep: crashed ? 'browser-crashed' : observed.leftMeeting ? 'in-meeting' : o.errorStep,
    artifacts: observed.artifacts,
    consoleErrors: observed.consoleErrors.slice(0, 20),
  };
}
