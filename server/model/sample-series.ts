/** Per-second samples regrouped as one column per measurement and participant, the shape uPlot draws. */
import type { Sample } from '../../results/run-record.ts';

export const SERIES_FIELDS = ['uplinkKbps', 'downlinkKbps', 'packetLossPct', 'rttMs', 'fpsReceived'] as const;
export type SeriesField = (typeof SERIES_FIELDS)[number];

export interface ParticipantSeries {
  participant: string;
  t: number[];
  values: Record<SeriesField, (number | null)[]>;
}

export function chartSeries(samples: Sample[]): { fields: readonly SeriesField[]; participants: ParticipantSeries[] } {
  const byParticipant = new Map<string, ParticipantSeries>();
  for (const s of samples) {
    let series = byParticipant.get(s.participant);
    if (!series) {
      series = { participant: s.participant, t: [], values: { uplinkKbps: [], downlinkKbps: [], packetLossPct: [], rttMs: [], fpsReceived: [] } };
      byParticipant.set(s.participant, series);
    }
    series.t.push(s.t);
    for (const field of SERIES_FIELDS) {
      const v = s[field];
      series.values[field].push(typeof v === 'number' && Number.isFinite(v) ? v : null);
    }
  }
  return { fields: SERIES_FIELDS, participants: [...byParticipant.values()] };
}
