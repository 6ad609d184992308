/**
 * Which way is worse, per metric: a regression is a move in the worse direction. Durations, losses,
 * freezes and resource use get worse when they rise; rates, bitrates, frame rates and sizes when they fall
 * (a platform that suddenly sends half the video is not "saving bandwidth", it is degrading).
 */
import { findMetric } from '../metrics.ts';

export type WorseWhen = 'higher' | 'lower';

const LOWER_IS_WORSE_UNITS = new Set(['kbps', 'fps', 'px', 'ratio', 'db', 'score']);

export function worseWhen(metric: string): WorseWhen {
  const definition = findMetric(metric);
  if (!definition) return 'higher';
  if (definition.worse) return definition.worse;
  return LOWER_IS_WORSE_UNITS.has(definition.unit) ? 'lower' : 'higher';
}

/**
 * the metrics a suite compares with history unless it lists its own; the quality ones only where a
 * night's scenarios send generated media (elsewhere they have no value and are left out)
 */
export const DEFAULT_HISTORY_METRICS = [
  'join_time_ms',
  'first_remote_frame_ms',
  'join_success',
  'downlink_kbps',
  'fps_received',
  'packet_loss_pct',
  'freeze_count',
  'video_e2e_latency_ms',
  'audio_e2e_latency_ms',
  'freeze_ratio',
  'mos',
] as const;
