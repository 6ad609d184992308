/**
 * Metrics a scenario's own settings turn off, and why, in the words the trial record and the criteria's
 * "no data" reason use: with `runner.playAudio: false` remote audio is not played, so Chromium never
 * decodes it and `audio_concealed_pct` has nothing to count, nor can a receiver hear an audio marker; the
 * fake camera's frames carry no stamp and the fake microphone no marker, so the receivers' quality
 * metrics need generated media (docs/quality.md).
 */
import { measuresQuality, senderSignals } from './quality-scope.ts';
import type { Scenario } from './scenario-schema.ts';

const VIDEO_METRICS = ['video_e2e_latency_ms', 'freeze_ratio', 'video_freeze_count', 'frames_skipped', 'video_psnr_db', 'video_ssim'];

export interface UnmeasuredMetric {
  metric: string;
  why: string;
}

export function unmeasuredMetrics(scenario: Scenario): UnmeasuredMetric[] {
  const off: UnmeasuredMetric[] = [];
  const notPlayed = 'remote audio is not played (runner.playAudio: false)';
  if (!scenario.runner.playAudio) off.push({ metric: 'audio_concealed_pct', why: notPlayed });
  const senders = Array.from({ length: scenario.participants.count - scenario.participants.receivers }, (_, i) => senderSignals(scenario, i));
  const noStamps = "the senders' camera is Chromium's fake device, whose frames carry no stamp (set participants.media.camera: generated)";
  const noMarkers = "the senders' microphone is Chromium's fake device, which carries no marker (set participants.media.microphone: generated)";
  const video = senders.some((s) => s.stampedVideo);
  const audio = senders.some((s) => s.markedAudio) && scenario.runner.playAudio;
  if (!video) off.push(...VIDEO_METRICS.map((metric) => ({ metric, why: noStamps })));
  if (!audio) off.push({ metric: 'audio_e2e_latency_ms', why: scenario.runner.playAudio ? noMarkers : notPlayed });
  if (!video || !audio) off.push({ metric: 'av_sync_ms', why: !video ? noStamps : scenario.runner.playAudio ? noMarkers : notPlayed });
  if (!measuresQuality(scenario) || !scenario.runner.playAudio)
    off.push({
      metric: 'mos',
      why: scenario.runner.playAudio ? 'the receivers measure only generated media (set participants.media.microphone or camera: generated)' : notPlayed,
    });
  return off;
}
