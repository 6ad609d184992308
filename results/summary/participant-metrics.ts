/**
 * From a participant's samples (after the warm-up) to its summary: average and p95 of each rate, and the
 * per-participant value of every catalogue metric that criteria read (results/metrics.ts).
 */
import type { Sample } from '../run-record.ts';
import { finiteValues, maximum, mean, roundTenth } from '../statistics.ts';

const SAMPLE_METRICS: Array<[metric: string, field: keyof Sample, how: 'avg' | 'delta' | 'max']> = [
  ['uplink_kbps', 'uplinkKbps', 'avg'],
  ['downlink_kbps', 'downlinkKbps', 'avg'],
  ['audio_uplink_kbps', 'audioUplinkKbps', 'avg'],
  ['video_uplink_kbps', 'videoUplinkKbps', 'avg'],
  ['audio_downlink_kbps', 'audioDownlinkKbps', 'avg'],
  ['video_downlink_kbps', 'videoDownlinkKbps', 'avg'],
  ['packet_loss_pct', 'packetLossPct', 'avg'],
  ['jitter_ms', 'jitterMs', 'avg'],
  ['rtt_ms', 'rttMs', 'avg'],
  ['fps_sent', 'fpsSent', 'avg'],
  ['fps_received', 'fpsReceived', 'avg'],
  ['frame_height_received', 'frameHeightReceived', 'avg'],
  ['freeze_count', 'freezeCount', 'delta'],
  ['freeze_duration_ms', 'freezeDurationMs', 'delta'],
  ['quality_limited_pct', 'qualityLimitedPct', 'avg'],
  ['audio_concealed_pct', 'audioConcealedPct', 'avg'],
  ['cpu_pct', 'cpuPct', 'avg'],
  ['memory_mb', 'memoryMb', 'max'],
  ['kernel_uplink_kbps', 'kernelUplinkKbps', 'avg'],
  ['kernel_downlink_kbps', 'kernelDownlinkKbps', 'avg'],
  ['screen_uplink_kbps', 'screenUplinkKbps', 'avg'],
  ['screen_downlink_kbps', 'screenDownlinkKbps', 'avg'],
  ['screen_fps_sent', 'screenFpsSent', 'avg'],
  ['screen_fps_received', 'screenFpsReceived', 'avg'],
  ['camera_uplink_kbps', 'cameraUplinkKbps', 'avg'],
  ['camera_downlink_kbps', 'cameraDownlinkKbps', 'avg'],
  ['camera_fps_received', 'cameraFpsReceived', 'avg'],
];

/** an average audio level above this (about -40 dBFS) is sound; a disabled or silent microphone reads 0 */
export const SOUND_LEVEL = 0.01;

export function participantMetrics(samples: Sample[]): Record<string, number | null> {
  const metrics: Record<string, number | null> = {};
  for (const [metric, field, how] of SAMPLE_METRICS) {
    const values = finiteValues(samples.map((s) => s[field]));
    if (values.length === 0) {
      metrics[metric] = null;
    } else if (how === 'avg') {
      metrics[metric] = roundTenth(mean(values) as number);
    } else if (how === 'max') {
      metrics[metric] = maximum(values);
    } else {
      // cumulative counters: what happened inside the window, not since the page opened
      metrics[metric] = (values[values.length - 1] ?? 0) - (values[0] ?? 0);
    }
  }
  const levels = finiteValues(samples.map((s) => s.audioLevelSent));
  metrics.talk_time_pct = levels.length > 0 ? roundTenth((100 * levels.filter((l) => l > SOUND_LEVEL).length) / levels.length) : null;
  return metrics;
}
