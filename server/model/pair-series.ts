/**
 * Per-second latency of every sender → receiver pair (the samples' `pairs`, generated media only), on one
 * time axis, the shape uPlot draws: one column of video latency and one of audio latency per pair.
 */
import type { Sample } from '../../results/run-record.ts';

export interface PairSeries {
  label: string;
  sender: string;
  receiver: string;
  videoLatencyMs: (number | null)[];
  audioLatencyMs: (number | null)[];
}

export function pairSeries(samples: Sample[]): { t: number[]; pairs: PairSeries[] } {
  const t = [...new Set(samples.filter((s) => s.pairs?.length).map((s) => s.t))].sort((a, b) => a - b);
  const at = new Map(t.map((v, i) => [v, i]));
  const pairs = new Map<string, PairSeries>();
  for (const s of samples) {
    for (const p of s.pairs ?? []) {
      const label = `${p.sender} → ${s.participant}`;
      let series = pairs.get(label);
      if (!series) {
        series = { label, sender: p.sender, receiver: s.participant, videoLatencyMs: t.map(() => null), audioLatencyMs: t.map(() => null) };
        pairs.set(label, series);
      }
      const i = at.get(s.t)!;
      series.videoLatencyMs[i] = p.videoLatencyMs;
      series.audioLatencyMs[i] = p.audioLatencyMs;
    }
  }
  return { t, pairs: [...pairs.values()].sort((a, b) => a.label.localeCompare(b.label)) };
}
