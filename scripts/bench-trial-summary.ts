/**
 * What the bench scripts say about one trial: what its participants carried, its join p95, and whether
 * they decoded what was sent (a starved participant decodes late: the trial then measures the runner).
 */
import type { Trial } from '../results/run-record.ts';
import { mean as meanOf, percentile } from '../results/statistics.ts';

/** what the participants carried: a setting that only makes them send less is not a saving */
export const carried = (t: Trial): string => {
  const mean = (key: 'audio_uplink_kbps' | 'video_uplink_kbps' | 'video_downlink_kbps' | 'fps_received' | 'fps_sent'): string => {
    const value = meanOf(t.participants.map((p) => p.metrics[key]));
    return value === null ? '-' : value.toFixed(0);
  };
  return `audio up ${mean('audio_uplink_kbps')} kbit/s, video up/down ${mean('video_uplink_kbps')}/${mean('video_downlink_kbps')} kbit/s, ${mean('fps_sent')} fps sent, ${mean('fps_received')} decoded`;
};

export const joinP95 = (t: Trial): string => {
  const p95 = percentile(
    t.participants.map((p) => p.joinTimeMs),
    95,
  );
  return p95 === null ? '-' : `${(p95 / 1000).toFixed(1)} s`;
};

/**
 * null when every participant decoded at least 80 % of the mean frame rate the senders sent (against the
 * rate actually sent, so an encoder that lowers its rate for a bitrate cap is not counted), else why not.
 */
export function decodedEnough(t: Trial, nominalFps: number): string | null {
  const sent = t.participants.map((p) => p.metrics.fps_sent).filter((v): v is number => typeof v === 'number');
  const fps = meanOf(sent) ?? nominalFps;
  const starved = t.participants.filter((p) => (p.metrics.fps_received ?? 0) < 0.8 * fps);
  return starved.length > 0 ? `${starved.length} participant(s) decoded under 80 % of the ${fps.toFixed(1)} fps sent` : null;
}
