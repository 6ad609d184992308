/**
 * The receivers' quality measurement (page-scripts/quality-receiver.ts in every page), as a collector of
 * the trial: it opens each page's window when the measurement window opens, reads each page once a second
 * as one of the participant's sources (each second's per-sender medians go into the participant's sample:
 * latency over time in the viewer), and at the end hands each receiver's observations and each browser's
 * clock to results/quality/quality-summary.ts. Remote browsers' clocks are estimated at both ends of the
 * window (clock-offset.ts); local browsers share the runner's.
 */
import type { Page } from 'puppeteer-core';
import type { PairSample } from '../../results/run-record.ts';
import type { AudioStreamCounters, ClockOffset, QualitySecond, ReceiverObservations } from '../../results/quality/observations.ts';
import { correctedMedian } from '../../results/quality/quality-summary.ts';
import type { Participant } from '../participants/participant.ts';
import type { Collector } from './collector.ts';
import { combineOffsets, estimateClockOffset, isRemote } from './clock-offset.ts';
import type { ParticipantSource } from './participant-source.ts';

export interface QualityMember {
  participant: Participant;
  joined(): boolean;
}

export interface QualityResults {
  /** by participant index; absent for those that never joined */
  observed: Map<number, ReceiverObservations>;
  /** by participant index: null for a remote browser whose clock could not be measured */
  clocks: Map<number, ClockOffset | null>;
}

/** what the page's __meetbenchQuality.read() hands over (page-scripts/quality-receiver.ts) */
interface PageReading {
  at: number;
  windowStart: number;
  video: {
    senders: Array<
      QualitySecond['video'][number] & { freezes: Array<{ from: number; durationMs: number }>; ongoing: { from: number; durationMs: number } | null }
    >;
    tracks: QualitySecond['tracks'];
    errors: string[];
  } | null;
  audio: QualitySecond['audio'];
  unreadableMarkers: number;
  audioStreams: AudioStreamCounters[];
  audioContext: string | null;
  errors: string[];
}

const LOCAL_CLOCK: ClockOffset = { offsetMs: 0, uncertaintyMs: 0 };
const READ_TIMEOUT_MS = 5_000;

function readPage(page: Page, final: boolean): Promise<PageReading> {
  const reading = page.evaluate(
    (last: boolean) => (window as unknown as { __meetbenchQuality: { read(f: boolean): Promise<unknown> } }).__meetbenchQuality.read(last),
    final,
  ) as Promise<PageReading>;
  return Promise.race([
    reading,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no quality reading within ${READ_TIMEOUT_MS} ms`)), READ_TIMEOUT_MS)),
  ]);
}

export function qualityCollector(members: readonly QualityMember[]): { collector: Collector<QualityResults>; source(index: number): ParticipantSource } {
  const observed = new Map<number, ReceiverObservations>();
  const startClocks = new Map<number, ClockOffset | null>();
  const clocks = new Map<number, ClockOffset | null>();
  const windowStarts = new Map<number, number>();
  const live = (i: number): Page | null => {
    const m = members[i];
    return m && m.joined() && !m.participant.crashed ? m.participant.page : null;
  };
  const clockOf = async (i: number, page: Page): Promise<ClockOffset | null> =>
    isRemote(members[i]!.participant.where) ? estimateClockOffset(page) : LOCAL_CLOCK;

  /** one page reading folded into the receiver's observations; returns the second's per-sender medians */
  const fold = (i: number, reading: PageReading, t: number): PairSample[] => {
    const second = recordReading(observed.get(i)!, reading, t, windowStarts.get(i) ?? reading.windowStart);
    return pairSamples(second, (s) => members[s]?.participant.name, startClocks, i);
  };

  const collector: Collector<QualityResults> = {
    name: 'quality',
    async start() {
      await Promise.all(
        members.map(async (_, i) => {
          const page = live(i);
          if (!page) return;
          startClocks.set(i, await clockOf(i, page));
          const windowStart = await page.evaluate(() => (window as unknown as { __meetbenchQuality: { start(): Promise<number> } }).__meetbenchQuality.start());
          windowStarts.set(i, windowStart);
          observed.set(i, { seconds: [], windowMs: 0, freezes: [], audioAtStart: [], audioAtEnd: [], audioContext: null, errors: [] });
          // the audio counters at the window's start, so loss counts only what happened inside it
          const first = await readPage(page, false);
          observed.get(i)!.audioAtStart = first.audioStreams;
        }),
      );
    },
    sample: () => undefined,
    async stop() {
      await Promise.all(
        members.map(async (_, i) => {
          const page = live(i);
          if (!page || !observed.has(i)) return;
          const reading = await readPage(page, true).catch(() => null);
          if (reading) fold(i, reading, (observed.get(i)!.seconds.at(-1)?.t ?? 0) + 1);
          clocks.set(i, isRemote(members[i]!.participant.where) ? combineOffsets(startClocks.get(i) ?? null, await estimateClockOffset(page)) : LOCAL_CLOCK);
        }),
      );
      for (const [i, clock] of startClocks) if (!clocks.has(i)) clocks.set(i, clock);
      return { observed, clocks };
    },
  };

  const source = (index: number): ParticipantSource => ({
    name: 'quality',
    read: async (t) => {
      const page = live(index);
      if (t === 0 || !page || !observed.has(index)) return null;
      return { pairs: fold(index, await readPage(page, false), t) };
    },
  });
  return { collector, source };
}

/** adds one page reading to a receiver's observations (freezes on the window's clock); returns the second it made */
function recordReading(own: ReceiverObservations, reading: PageReading, t: number, start: number): QualitySecond {
  const second: QualitySecond = { t, video: [], tracks: reading.video?.tracks ?? [], audio: reading.audio, unreadableMarkers: reading.unreadableMarkers };
  for (const v of reading.video?.senders ?? []) {
    const { freezes, ongoing, ...rest } = v;
    second.video.push(rest);
    for (const f of [...freezes, ...(ongoing ? [ongoing] : [])])
      own.freezes.push({ sender: v.sender, fromS: (f.from - start) / 1000, durationMs: f.durationMs });
  }
  own.seconds.push(second);
  own.windowMs = reading.at - start;
  own.audioAtEnd = reading.audioStreams;
  own.audioContext = reading.audioContext;
  own.errors.push(...reading.errors, ...(reading.video?.errors ?? []));
  return second;
}

/**
 * The second's medians per sender for the receiver's sample (latency over time in the viewer), each
 * corrected by the sender's and receiver's clocks as known at the window's start: good enough for a
 * second's median on a chart. No clock, no latency.
 */
function pairSamples(
  second: QualitySecond,
  nameOf: (index: number) => string | undefined,
  startClocks: ReadonlyMap<number, ClockOffset | null>,
  receiver: number,
): PairSample[] {
  const receiverClock = startClocks.get(receiver);
  const senders = new Set([...second.video.map((v) => v.sender), ...second.audio.map((a) => a.sender)]);
  return [...senders].flatMap((s): PairSample[] => {
    const name = nameOf(s);
    if (!name) return [];
    const senderClock = startClocks.get(s);
    const correction = senderClock && receiverClock ? senderClock.offsetMs - receiverClock.offsetMs : null;
    const video = second.video.find((v) => v.sender === s);
    const audio = second.audio.filter((a) => a.sender === s).map((a) => a.latencyMs);
    const psnr = video?.pictures.map((p) => p.psnrDb).find((p) => p !== null) ?? null;
    return [
      {
        sender: name,
        videoLatencyMs: video && correction !== null ? correctedMedian(video.latencies, correction) : null,
        audioLatencyMs: correction !== null ? correctedMedian(audio, correction) : null,
        fps: video?.frames ?? null,
        psnrDb: psnr === null ? null : Math.round(psnr * 10) / 10,
      },
    ];
  });
}
