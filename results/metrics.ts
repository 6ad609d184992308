/**
 * The metric catalogue: every id a criterion may name, its unit and which threshold aggregations fit it.
 * Criteria files are checked against this list when loaded, so a typo is refused instead of giving `no-data`.
 */
export type MetricKind =
  /** one value per participant and trial, e.g. a duration (avg, min, max, med, p(N) apply) */
  | 'trend'
  /** a proportion of successes between 0 and 1 (only `rate` applies) */
  | 'rate'
  /** a number of events (count and the trend aggregations apply) */
  | 'counter';

export interface MetricDefinition {
  id: string;
  unit: 'ms' | 'kbps' | 'pct' | 'fps' | 'px' | 'count' | 'ratio' | 'mb' | 'db' | 'score';
  kind: MetricKind;
  description: string;
  /** which way is worse, where the unit alone would say it wrong (a ratio of frozen time worsens as it rises) */
  worse?: 'higher' | 'lower';
}

const m = (id: string, unit: MetricDefinition['unit'], kind: MetricKind, description: string, worse?: 'higher' | 'lower'): MetricDefinition => ({
  id,
  unit,
  kind,
  description,
  ...(worse ? { worse } : {}),
});

export const METRICS: readonly MetricDefinition[] = [
  m(
    'join_time_ms',
    'ms',
    'trend',
    'Navigation start to joined: the platform signalled the join and own media flows (ICE connected and first outbound packets).',
  ),
  m('join_success', 'ratio', 'rate', 'Share of participants that joined within their timeout.'),
  m('first_remote_frame_ms', 'ms', 'trend', 'Navigation start to the first decoded remote video frame.'),
  m('page_load_ms', 'ms', 'trend', 'Navigation start to the load event of the meeting page.'),
  m('ui_ready_ms', 'ms', 'trend', 'Navigation start to the join control being usable.'),
  m('signalling_ms', 'ms', 'trend', 'Join action to the first remote description applied.'),
  m('ice_ms', 'ms', 'trend', 'Join action to the first peer connection reaching ICE connected.'),
  m('uplink_kbps', 'kbps', 'trend', 'Bytes sent per second over all connected peer connections (transport level, getStats).'),
  m('downlink_kbps', 'kbps', 'trend', 'Bytes received per second over all connected peer connections (transport level, getStats).'),
  m('audio_uplink_kbps', 'kbps', 'trend', 'Outbound audio RTP payload bitrate.'),
  m('video_uplink_kbps', 'kbps', 'trend', 'Outbound video RTP payload bitrate.'),
  m('audio_downlink_kbps', 'kbps', 'trend', 'Inbound audio RTP payload bitrate.'),
  m('video_downlink_kbps', 'kbps', 'trend', 'Inbound video RTP payload bitrate.'),
  m('packet_loss_pct', 'pct', 'trend', 'Inbound packets lost over packets expected, all streams.'),
  m('jitter_ms', 'ms', 'trend', 'Inbound RTP jitter, mean over streams.'),
  m('rtt_ms', 'ms', 'trend', 'Round-trip time of the selected ICE candidate pair.'),
  m('fps_sent', 'fps', 'trend', 'Frames per second encoded and sent.'),
  m('fps_received', 'fps', 'trend', 'Frames per second decoded, mean over remote video streams.'),
  m('frame_height_received', 'px', 'trend', 'Height of the decoded remote video frames.'),
  m('freeze_count', 'count', 'counter', 'Remote video freezes (getStats freezeCount).'),
  m('freeze_duration_ms', 'ms', 'trend', 'Total remote video freeze duration.'),
  m('quality_limited_pct', 'pct', 'trend', 'Share of the sending time the encoder was limited by CPU or bandwidth.'),
  m('audio_concealed_pct', 'pct', 'trend', 'Share of received audio samples that were concealed (lost or late).'),
  m('cpu_pct', 'pct', 'trend', 'CPU of the participant browser processes, percent of one core.'),
  m('memory_mb', 'mb', 'trend', 'Resident memory of the participant browser processes.'),
  m('runner_cpu_pct', 'pct', 'trend', 'CPU of the whole runner machine, percent of all cores.'),
  m('kernel_uplink_kbps', 'kbps', 'trend', 'Bytes sent per second by the participant namespace, kernel veth counters (headers included).'),
  m('kernel_downlink_kbps', 'kbps', 'trend', 'Bytes received per second by the participant namespace, kernel veth counters (headers included).'),
  m('screen_uplink_kbps', 'kbps', 'trend', 'Screen share: outbound video bitrate of the shared screen alone (the sharer; 0 for the others).'),
  m('screen_downlink_kbps', 'kbps', 'trend', 'Screen share: inbound video bitrate of the shared screen alone.'),
  m('screen_fps_sent', 'fps', 'trend', 'Screen share: frames per second encoded and sent of the shared screen.'),
  m('screen_fps_received', 'fps', 'trend', 'Screen share: frames per second decoded of the shared screen, per receiver.'),
  m('camera_uplink_kbps', 'kbps', 'trend', 'Outbound video bitrate of the cameras alone, a screen share left out.'),
  m('camera_downlink_kbps', 'kbps', 'trend', 'Inbound video bitrate of the remote cameras alone, a screen share left out.'),
  m('camera_fps_received', 'fps', 'trend', 'Frames per second decoded of the remote cameras alone, mean over streams, a screen share left out.'),
  m(
    'talk_time_pct',
    'pct',
    'trend',
    "Share of the window's seconds in which the microphone sent sound (getStats average audio level above 0.01, about -40 dBFS).",
  ),
  m(
    'video_e2e_latency_ms',
    'ms',
    'trend',
    'Glass to decode: a generated frame made by a sender to the same frame decoded by the receiver (its stamp read), median over the frames of each sender, then over the senders.',
  ),
  m(
    'audio_e2e_latency_ms',
    'ms',
    'trend',
    'Mouth to ear: an audio marker made by a sender to its onset played out at the receiver (AudioWorklet), median over the markers of each sender, then over the senders.',
  ),
  m(
    'av_sync_ms',
    'ms',
    'trend',
    'Lip-sync: audio minus video latency of the same sender at the receiver (positive: the sound comes after the picture), median over the senders.',
  ),
  m(
    'freeze_ratio',
    'ratio',
    'trend',
    "Share of the window a sender's picture stayed frozen at the receiver (the WebRTC freeze rule on stamped frames, stops longer than 5 s included), mean over the senders.",
    'higher',
  ),
  m(
    'video_freeze_count',
    'count',
    'counter',
    "Freezes of the senders' pictures at the receiver, from the frame stamps (the WebRTC freeze rule, stops included).",
  ),
  m('frames_skipped', 'count', 'counter', 'Frames the senders made that never reached the receiver (gaps in the stamped frame numbers).', 'higher'),
  m(
    'video_psnr_db',
    'db',
    'trend',
    'PSNR of decoded frames against the frame the sender made, at the decoded size, about once a second, mean over the senders.',
  ),
  m('video_ssim', 'ratio', 'trend', 'SSIM of decoded frames against the frame the sender made (libvpx method), about once a second, mean over the senders.'),
  m(
    'mos',
    'score',
    'trend',
    'ITU-T G.107 E-model MOS of what the participant hears: measured mouth-to-ear delay and audio packet loss, Opus impairments (docs/quality.md).',
  ),
  m('http_p95_ms', 'ms', 'trend', 'Web-tier load: 95th percentile latency of the platform web endpoints.'),
  m('http_error_rate', 'ratio', 'rate', 'Web-tier load: share of requests that failed or returned an error status.'),
];

export const METRIC_IDS = METRICS.map((d) => d.id);

export function findMetric(id: string): MetricDefinition | undefined {
  return METRICS.find((d) => d.id === id);
}
