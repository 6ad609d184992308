/**
 * From what the quality collector saw at one receiver (observations.ts) to its record: one entry per
 * sender of its room (video latency, freezes, skipped frames, picture quality, audio latency, lip-sync,
 * MOS), the receiver's value of every quality metric of the catalogue, and for each metric nobody could
 * measure, why ("band unreadable", a fake camera, an unknown clock...). Never a made-up number: a pair
 * whose stamps were read on too few frames has no latency. Pure.
 */
import { finiteValues, mean, median, percentile, roundTenth, sum } from '../statistics.ts';
import { mos as eModelMos } from './e-model.ts';
import type { AudioStreamCounters, ReceiverObservations } from './observations.ts';
import { clockCorrection, type ExpectedSender, type QualityContext } from './quality-context.ts';

/** a pair's latency needs stamps read on at least this many frames (or one a second of a shorter window) */
const MIN_STAMPED_FRAMES = 20;
/** a video track whose stamp failed on more than this share of its frames is an unreadable feed */
const UNREADABLE_SHARE = 0.5;
/**
 * Nothing arrives before it is made: a pair where more than this share of the frames or markers read so
 * has a clock or a timing that cannot be trusted, and gets no latency
 */
const MAX_NEGATIVE_SHARE = 0.1;
/** Opus packets are 20 ms: the E-model's delay counts them when it is estimated from the network */
const PACKETISATION_MS = 20;

export interface Unmeasured {
  metric: string;
  why: string;
}

export interface PairQuality {
  sender: string;
  video: {
    latencyMs: { p50: number; p95: number };
    frames: number;
    skipped: number;
    freezeCount: number;
    freezeRatio: number;
    freezes: Array<{ atS: number; durationS: number }>;
    psnrDb: number | null;
    ssim: number | null;
    width: number;
    height: number;
  } | null;
  audio: { latencyMs: { p50: number; p95: number }; markers: number } | null;
  /** audio minus video latency: positive when the sound comes after the picture */
  avSyncMs: number | null;
  /** audio loss of this sender's stream over the window */
  audioLossPct: number | null;
  mos: number | null;
  noData: Unmeasured[];
}

export interface ReceiverQuality {
  pairs: PairQuality[];
  metrics: Record<string, number | null>;
  /** how the participant's MOS got its delay: the markers, or the network (round trip + jitter buffer + packetisation) */
  mosDelay: 'measured' | 'estimated' | null;
  unmeasured: Unmeasured[];
}

export const QUALITY_METRICS = [
  'video_e2e_latency_ms',
  'audio_e2e_latency_ms',
  'av_sync_ms',
  'freeze_ratio',
  'video_freeze_count',
  'frames_skipped',
  'video_psnr_db',
  'video_ssim',
  'mos',
] as const;

const tenth = (v: number | null): number | null => (v === null ? null : roundTenth(v));

/** the share of [0, durationS] a freeze covers */
function overlapS(fromS: number, durationMs: number, durationS: number): number {
  return Math.max(0, Math.min(durationS, fromS + durationMs / 1000) - Math.max(0, fromS));
}

function unreadableFeeds(observed: ReceiverObservations): { feeds: number; frames: number; unreadable: number } {
  const byTrack = new Map<string, { frames: number; unreadable: number }>();
  for (const second of observed.seconds) {
    for (const t of second.tracks) {
      const entry = byTrack.get(t.track) ?? { frames: 0, unreadable: 0 };
      entry.frames += t.frames;
      entry.unreadable += t.unreadable;
      byTrack.set(t.track, entry);
    }
  }
  const bad = [...byTrack.values()].filter((t) => t.frames > 0 && t.unreadable / t.frames > UNREADABLE_SHARE);
  return { feeds: bad.length, frames: sum(bad.map((t) => t.frames)), unreadable: sum(bad.map((t) => t.unreadable)) };
}

/** lost over expected packets between two readings of one stream's counters, in % */
function lossPct(start: AudioStreamCounters | undefined, end: AudioStreamCounters): number | null {
  const received = (end.packetsReceived ?? 0) - (start?.packetsReceived ?? 0);
  const lost = Math.max(0, (end.packetsLost ?? 0) - (start?.packetsLost ?? 0));
  if (end.packetsReceived === null || received + lost <= 0) return null;
  return (100 * lost) / (received + lost);
}

function jitterBufferMs(start: AudioStreamCounters | undefined, end: AudioStreamCounters): number | null {
  const delay = (end.jitterBufferDelayS ?? 0) - (start?.jitterBufferDelayS ?? 0);
  const emitted = (end.jitterBufferEmitted ?? 0) - (start?.jitterBufferEmitted ?? 0);
  return end.jitterBufferDelayS === null || emitted <= 0 ? null : (1000 * delay) / emitted;
}

/** why latencies cannot be trusted, or null: too many read as arriving before they were made */
function impossible(latencies: number[], what: string): string | null {
  const early = latencies.filter((l) => l < 0).length;
  return early > latencies.length * MAX_NEGATIVE_SHARE
    ? `timing inconsistent: ${early} of ${latencies.length} ${what} read as arriving before they were made (clocks or a starved runner)`
    : null;
}

function videoOf(sender: ExpectedSender, observed: ReceiverObservations, context: QualityContext, correction: number, minFrames: number): PairQuality['video'] {
  const seconds = observed.seconds.flatMap((s) => s.video.filter((v) => v.sender === sender.index));
  const frames = sum(seconds.map((s) => s.frames));
  if (frames < minFrames) return null;
  const latencies = seconds.flatMap((s) => s.latencies).map((l) => l + correction);
  const freezes = observed.freezes.filter((f) => f.sender === sender.index && overlapS(f.fromS, f.durationMs, context.durationS) > 0);
  const pictures = seconds.flatMap((s) => s.pictures);
  const last = seconds.at(-1);
  return {
    latencyMs: { p50: roundTenth(median(latencies) as number), p95: roundTenth(percentile(latencies, 95) as number) },
    frames,
    skipped: sum(seconds.map((s) => s.skipped)),
    freezeCount: freezes.length,
    freezeRatio: Math.round((sum(freezes.map((f) => overlapS(f.fromS, f.durationMs, context.durationS))) / context.durationS) * 10_000) / 10_000,
    freezes: freezes.map((f) => ({ atS: roundTenth(Math.max(0, f.fromS)), durationS: roundTenth(overlapS(f.fromS, f.durationMs, context.durationS)) })),
    psnrDb: tenth(mean(pictures.map((p) => p.psnrDb))),
    ssim: ((v) => (v === null ? null : Math.round(v * 1000) / 1000))(mean(pictures.map((p) => p.ssim))),
    width: last?.width ?? 0,
    height: last?.height ?? 0,
  };
}

function pairOf(sender: ExpectedSender, observed: ReceiverObservations, context: QualityContext): PairQuality {
  const noData: Unmeasured[] = [];
  const clock = clockCorrection(sender, context.receiver);
  const minFrames = Math.min(MIN_STAMPED_FRAMES, Math.max(1, Math.floor(context.durationS)));
  let video: PairQuality['video'] = null;
  if (!sender.stampedVideo) {
    noData.push({ metric: 'video', why: `${sender.name} sends Chromium's fake camera, whose frames carry no stamp (participants.media.camera: device)` });
  } else if ('why' in clock) {
    noData.push({ metric: 'video', why: clock.why });
  } else {
    video = videoOf(sender, observed, context, clock.ms, minFrames);
    const early = video
      ? impossible(
          observed.seconds.flatMap((s) => s.video.filter((v) => v.sender === sender.index).flatMap((v) => v.latencies.map((l) => l + clock.ms))),
          'frames',
        )
      : null;
    if (early) {
      video = null;
      noData.push({ metric: 'video', why: early });
    } else if (!video) {
      const bad = unreadableFeeds(observed);
      const read = sum(observed.seconds.flatMap((s) => s.video.filter((v) => v.sender === sender.index).map((v) => v.frames)));
      noData.push({
        metric: 'video',
        why:
          bad.feeds > 0
            ? `band unreadable: ${bad.unreadable} of ${bad.frames} frames of ${bad.feeds} video feed(s) had no readable stamp (the platform re-scaled the video to another shape, cropped it, or damaged it)`
            : read > 0
              ? `stamps read on ${read} frame(s) only (at least ${minFrames} needed)`
              : `no video of ${sender.name} reached ${context.receiver.name}`,
      });
    }
  }

  const markers = observed.seconds.flatMap((s) => s.audio.filter((a) => a.sender === sender.index));
  const audioWhy = (): string | null => {
    if (!context.audioPlayed) return 'remote audio is not played (runner.playAudio: false), so no marker can be heard';
    if (!sender.markedAudio) return `${sender.name} sends Chromium's fake microphone, which carries no marker (participants.media.microphone: device)`;
    if ('why' in clock) return clock.why;
    if (markers.length > 0)
      return impossible(
        markers.map((m) => m.latencyMs + clock.ms),
        'audio markers',
      );
    if (observed.audioContext !== null && observed.audioContext !== 'running')
      return `${context.receiver.name}'s audio context stayed ${observed.audioContext} (the browser's autoplay policy), so no marker could be heard`;
    const unreadable = sum(observed.seconds.map((s) => s.unreadableMarkers ?? 0));
    if (unreadable > 0)
      return `no audio marker of ${sender.name} could be read at ${context.receiver.name}: ${unreadable} marker(s) heard but unreadable (stretched or concealed by the jitter buffer, or sent by a starved page)`;
    return `no audio marker of ${sender.name} was heard by ${context.receiver.name}`;
  };
  const whyNoAudio = audioWhy();
  let audio: PairQuality['audio'] = null;
  if (whyNoAudio || 'why' in clock) noData.push({ metric: 'audio', why: whyNoAudio ?? '' });
  else {
    const latencies = markers.map((m) => m.latencyMs + clock.ms);
    audio = { latencyMs: { p50: roundTenth(median(latencies) as number), p95: roundTenth(percentile(latencies, 95) as number) }, markers: markers.length };
  }

  const stream = observed.audioAtEnd.find((s) => s.sender === sender.index);
  const audioLossPct = stream
    ? tenth(
        lossPct(
          observed.audioAtStart.find((s) => s.track === stream.track),
          stream,
        ),
      )
    : null;
  const mos = audio && audioLossPct !== null ? Math.round(eModelMos(audio.latencyMs.p50, audioLossPct) * 100) / 100 : null;
  return {
    sender: sender.name,
    video,
    audio,
    avSyncMs: audio && video ? roundTenth(audio.latencyMs.p50 - video.latencyMs.p50) : null,
    audioLossPct,
    mos,
    noData,
  };
}

/** the reason most pairs gave for a missing part, for the participant's unmeasured metrics */
function commonReason(pairs: PairQuality[], part: 'video' | 'audio'): string | null {
  const reasons = pairs.flatMap((p) => p.noData.filter((n) => n.metric === part).map((n) => n.why));
  if (reasons.length === 0) return null;
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

export function receiverQuality(observed: ReceiverObservations, context: QualityContext): ReceiverQuality {
  const pairs = context.senders.map((s) => pairOf(s, observed, context));
  const videos = pairs.flatMap((p) => (p.video ? [p.video] : []));
  const audios = pairs.flatMap((p) => (p.audio ? [p.audio] : []));
  // the participant's audio over every stream it received, for its MOS
  const streams = observed.audioAtEnd.map((end) => ({ end, start: observed.audioAtStart.find((s) => s.track === end.track) }));
  const received = sum(streams.map(({ start, end }) => (end.packetsReceived ?? 0) - (start?.packetsReceived ?? 0)));
  const lost = sum(streams.map(({ start, end }) => Math.max(0, (end.packetsLost ?? 0) - (start?.packetsLost ?? 0))));
  const loss = received + lost > 0 ? (100 * lost) / (received + lost) : null;
  const measuredDelay = median(audios.map((a) => a.latencyMs.p50));
  const jitterBuffer = mean(streams.map(({ start, end }) => jitterBufferMs(start, end)));
  const estimatedDelay = context.rttMs !== null && jitterBuffer !== null ? context.rttMs + jitterBuffer + PACKETISATION_MS : null;
  const delay = measuredDelay ?? estimatedDelay;
  const metrics: Record<string, number | null> = {
    video_e2e_latency_ms: tenth(median(videos.map((v) => v.latencyMs.p50))),
    audio_e2e_latency_ms: tenth(measuredDelay),
    av_sync_ms: tenth(median(pairs.map((p) => p.avSyncMs))),
    freeze_ratio: videos.length ? Math.round((mean(videos.map((v) => v.freezeRatio)) as number) * 10_000) / 10_000 : null,
    video_freeze_count: videos.length ? sum(videos.map((v) => v.freezeCount)) : null,
    frames_skipped: videos.length ? sum(videos.map((v) => v.skipped)) : null,
    video_psnr_db: tenth(mean(videos.map((v) => v.psnrDb))),
    video_ssim: ((v) => (v === null ? null : Math.round(v * 1000) / 1000))(mean(videos.map((v) => v.ssim))),
    mos: delay !== null && loss !== null && context.audioPlayed ? Math.round(eModelMos(delay, loss) * 100) / 100 : null,
  };
  const unmeasured: Unmeasured[] = [];
  const videoWhy = commonReason(pairs, 'video');
  const audioWhy = commonReason(pairs, 'audio');
  const none = context.senders.length === 0 ? `${context.receiver.name} has no sender in its room` : null;
  for (const metric of QUALITY_METRICS) {
    if (metrics[metric] !== null && metrics[metric] !== undefined) continue;
    const why =
      none ??
      (metric === 'mos'
        ? !context.audioPlayed
          ? 'remote audio is not played (runner.playAudio: false)'
          : loss === null
            ? 'no remote audio stream was received'
            : 'no delay: neither an audio marker nor the round trip and jitter buffer were measured'
        : metric === 'audio_e2e_latency_ms'
          ? audioWhy
          : metric === 'av_sync_ms'
            ? (videoWhy ?? audioWhy)
            : metric === 'video_psnr_db' || metric === 'video_ssim'
              ? (videoWhy ?? 'no picture was scored')
              : videoWhy);
    if (why) unmeasured.push({ metric, why });
  }
  return { pairs, metrics, mosDelay: metrics.mos === null ? null : measuredDelay !== null ? 'measured' : 'estimated', unmeasured };
}

/** the finite latencies of one second of one pair, corrected for the clocks, for the per-second samples */
export function correctedMedian(values: number[], correctionMs: number): number | null {
  const v = median(finiteValues(values).map((l) => l + correctionMs));
  return v === null ? null : roundTenth(v);
}
