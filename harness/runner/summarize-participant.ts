/**
 * From a participant's samples (after the warm-up) to its summary: average and p95 of each rate, and the
 * per-participant value of every catalogue metric that criteria read (results/metrics.ts).
 */
import { quantileSorted, mean } from 'simple-statistics';
import type { Sample } from '../../results/run-record.ts';

export interface SummaryStats {
  avg: number | null;
  p95: number | null;
}

const round = (v: number): number => Math.round(v * 10) / 10;

export function stats(values: Array<number | null | undefined>): SummaryStats {
  const numbers = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (numbers.length === 0) return { avg: null, p95: null };
  return { avg: round(mean(numbers)), p95: round(quantileSorted(numbers, 0.95)) };
}

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
];

export function participantMetrics(samples: Sample[]): Record<string, number | null> {
  const metrics: Record<string, number | null> = {};
  for (const [metric, field, how] of SAMPLE_METRICS) {
    const values = samples.map((s) => s[field]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (values.length === 0) {
      metrics[metric] = null;
    } else if (how === 'avg') {
      metrics[metric] = round(mean(values));
    } else if (how === 'max') {
      metrics[metric] = Math.max(...values);
    } else {
      // cumulative counters: what happened inside the window, not since the page opened
      metrics[metric] = (values[values.length - 1] ?? 0) - (values[0] ?? 0);
    }
  }
  return metrics;
}
