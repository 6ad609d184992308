/**
 * The values a criterion judges: one per participant of a trial, read from `participant.metrics` (the
 * runner's summary over the measurement window) or, for older records without it, derived from the
 * explicit fields. With a criterion `window`, the per-second samples are used instead.
 * Non-finite numbers never get through: a value is a finite number or it is missing.
 */
import type { ParticipantResult, Sample } from '../run-record.ts';

/** metric id → field of the per-second sample; the metrics a `window` can apply to */
export const SAMPLE_FIELDS: Readonly<Record<string, keyof Sample>> = {
  uplink_kbps: 'uplinkKbps',
  downlink_kbps: 'downlinkKbps',
  audio_uplink_kbps: 'audioUplinkKbps',
  video_uplink_kbps: 'videoUplinkKbps',
  audio_downlink_kbps: 'audioDownlinkKbps',
  video_downlink_kbps: 'videoDownlinkKbps',
  packet_loss_pct: 'packetLossPct',
  jitter_ms: 'jitterMs',
  rtt_ms: 'rttMs',
  fps_sent: 'fpsSent',
  fps_received: 'fpsReceived',
  frame_height_received: 'frameHeightReceived',
  audio_concealed_pct: 'audioConcealedPct',
  kernel_uplink_kbps: 'kernelUplinkKbps',
  kernel_downlink_kbps: 'kernelDownlinkKbps',
  cpu_pct: 'cpuPct',
  memory_mb: 'memoryMb',
  screen_uplink_kbps: 'screenUplinkKbps',
  screen_downlink_kbps: 'screenDownlinkKbps',
  screen_fps_sent: 'screenFpsSent',
  screen_fps_received: 'screenFpsReceived',
  camera_uplink_kbps: 'cameraUplinkKbps',
  camera_downlink_kbps: 'cameraDownlinkKbps',
  camera_fps_received: 'cameraFpsReceived',
};

const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** the explicit fields of the run record, for records whose `metrics` lacks the id */
function derived(p: ParticipantResult, metric: string): number | null {
  switch (metric) {
    case 'join_success':
      return p.joined ? 1 : 0;
    case 'join_time_ms':
      // a participant that never joined has no join time: join_success is the criterion that catches it
      return p.joined ? finite(p.joinTimeMs) : null;
    case 'first_remote_frame_ms':
      return finite(p.firstRemoteFrameMs);
    case 'page_load_ms':
      return finite(p.phases?.pageLoadMs);
    case 'ui_ready_ms':
      return finite(p.phases?.uiReadyMs);
    case 'signalling_ms':
      return finite(p.phases?.signallingMs);
    case 'ice_ms':
      return finite(p.phases?.iceMs);
    case 'uplink_kbps':
      return finite(p.uplinkKbps?.avg);
    case 'downlink_kbps':
      return finite(p.downlinkKbps?.avg);
    case 'kernel_uplink_kbps':
      return finite(p.kernel?.uplinkKbps);
    case 'kernel_downlink_kbps':
      return finite(p.kernel?.downlinkKbps);
    default:
      return null;
  }
}

/** one participant's summary value of a metric, or null when it was not measured */
export function participantValue(p: ParticipantResult, metric: string): number | null {
  return finite(p.metrics?.[metric]) ?? derived(p, metric);
}

export interface SampleWindow {
  skipS: number;
  untilS?: number | undefined;
}

/**
 * One participant's per-second values of a metric inside the window, counted from that participant's
 * first sample (so the window means the same whether `t` is relative or absolute seconds).
 */
export function windowValues(samples: readonly Sample[], participant: string, metric: string, window: SampleWindow): number[] {
  const field = SAMPLE_FIELDS[metric];
  if (!field) return [];
  const own = samples.filter((s) => s.participant === participant && Number.isFinite(s.t));
  if (own.length === 0) return [];
  const t0 = Math.min(...own.map((s) => s.t));
  const values: number[] = [];
  for (const s of own) {
    const at = s.t - t0;
    if (at < window.skipS || (window.untilS !== undefined && at > window.untilS)) continue;
    const value = finite(s[field]);
    if (value !== null) values.push(value);
  }
  return values;
}
