/**
 * What the bench scripts say about one trial: what its participants carried, its join p95, and whether
 * they decoded what was sent (a starved participant decodes late: the trial then measures the runner).
 */
import type { Trial } from '../results/run-record.ts';
import { finiteValues, mean as meanOf, minimum, percentile } from '../results/statistics.ts';

/**
 * what the participants carried: a setting that only makes them send less is not a saving. Uplinks and
 * the rate sent are the senders' (a listener sends no video); downlinks and decoding are everyone's, with
 * the lowest decoding rate and the smallest picture received (the simulcast layer a receiver was sent).
 */
export const carried = (t: Trial): string => {
  const senders = t.participants.filter((p) => p.role === 'sender');
  type Key = 'audio_uplink_kbps' | 'video_uplink_kbps' | 'video_downlink_kbps' | 'fps_received' | 'fps_sent' | 'frame_height_received';
  const values = (key: Key, who = t.participants): unknown[] => who.map((p) => p.metrics[key]);
  const mean = (key: Key, who = t.participants): string => meanOf(values(key, who))?.toFixed(0) ?? '-';
  const lowest = (key: Key): string => minimum(values(key))?.toFixed(0) ?? '-';
  return `audio up ${mean('audio_uplink_kbps', senders)} kbit/s, video up/down ${mean('video_uplink_kbps', senders)}/${mean('video_downlink_kbps')} kbit/s, ${mean('fps_sent', senders)} fps sent, ${mean('fps_received')} decoded (lowest ${lowest('fps_received')}), pictures received ${mean('frame_height_received')} px high (smallest ${lowest('frame_height_received')})`;
};

export const joinP95 = (t: Trial): string => {
  const p95 = percentile(
    t.participants.map((p) => p.joinTimeMs),
    95,
  );
  return p95 === null ? '-' : `${(p95 / 1000).toFixed(1)} s`;
};

/**
 * null when every participant decoded at least 80 % of the frame rate of what it was sent, else why not.
 * What it was sent is one video stream per sender, at the rate the senders actually sent (so an encoder
 * that lowers its rate for a bitrate cap is not counted), measured on the senders alone: a listener sends
 * no video, and counting its 0 fps would lower the bar (4 senders at 15 fps and 12 listeners read 3.75).
 * A sender's fps_sent adds up its simulcast layers (framesEncoded over every outbound stream), while a
 * receiver gets one layer of each sender, at most at the capture rate: the rate sent is therefore taken as
 * no more than the nominal one, so two layers at 15 fps do not ask 24 fps of every receiver.
 */
export function decodedEnough(t: Trial, nominalFps: number): string | null {
  const senders = t.participants.filter((p) => p.role === 'sender');
  const sent = finiteValues(senders.map((p) => p.metrics.fps_sent)).filter((v) => v > 0);
  const fps = Math.min(meanOf(sent) ?? nominalFps, nominalFps);
  const starved = t.participants.filter((p) => (p.metrics.fps_received ?? 0) < 0.8 * fps);
  return starved.length > 0 ? `${starved.length} participant(s) decoded under 80 % of the ${fps.toFixed(1)} fps sent` : null;
}
