/**
 * The trial's window as one timeline: a row per participant hit by a network event (a cut as a bar, a
 * profile switch as a mark), and a row per sender → receiver pair with its freezes as bars, so a freeze
 * can be read against the cut that caused it. Seconds of the measurement window; empty when the trial
 * measured no quality (no generated media).
 */
import type { Trial } from '../../results/run-record.ts';

export interface TimelineRow {
  label: string;
  kind: 'network' | 'pair';
  bars: Array<{ fromS: number; toS: number; title: string }>;
  marks: Array<{ atS: number; title: string }>;
}

export interface QualityTimeline {
  rows: TimelineRow[];
  durationS: number;
  tickS: number;
}

export function qualityTimeline(trial: Trial): QualityTimeline | null {
  if (!trial.participants.some((p) => p.quality)) return null;
  const rows: TimelineRow[] = [];
  for (const p of trial.participants) {
    const events = p.timeline ?? [];
    if (events.length === 0) continue;
    rows.push({
      label: p.name,
      kind: 'network',
      bars: events
        .filter((e) => e.action === 'cut')
        .map((e) => ({ fromS: e.at, toS: e.at + (e.durationS ?? 0), title: `${p.name}: network cut ${e.durationS ?? 0} s` })),
      marks: events.filter((e) => e.action === 'profile').map((e) => ({ atS: e.at, title: `${p.name}: profile ${e.network ?? ''}` })),
    });
  }
  for (const receiver of trial.participants) {
    for (const pair of receiver.quality?.pairs ?? []) {
      const label = `${pair.sender} → ${receiver.name}`;
      const bars = (pair.video?.freezes ?? []).map((f) => ({
        fromS: f.atS,
        toS: Math.round((f.atS + f.durationS) * 10) / 10,
        title: `${label}: frozen ${f.durationS} s`,
      }));
      rows.push({ label, kind: 'pair', bars, marks: [] });
    }
  }
  const durationS = Math.max(1, trial.durationS ?? 0, ...rows.flatMap((r) => r.bars.map((b) => b.toS)));
  return { rows, durationS, tickS: durationS > 60 ? 10 : 5 };
}
