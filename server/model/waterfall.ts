/**
 * Join phases of each participant as waterfall rows (start and end in ms from navigation start), scaled
 * into SVG coordinates by the view. Signalling and ICE are measured from the join action
 * (`joinActionMs`; runs stored without it took it to be `uiReadyMs`: results/run-record.ts phasesSchema).
 */
import type { Trial } from '../../results/run-record.ts';

export type PhaseName = 'pageLoad' | 'uiReady' | 'signalling' | 'ice';

export interface WaterfallSegment {
  phase: PhaseName;
  startMs: number;
  endMs: number;
}

export interface WaterfallRow {
  participant: string;
  joined: boolean;
  joinTimeMs: number | null;
  segments: WaterfallSegment[];
  error: string | null;
}

export interface Waterfall {
  rows: WaterfallRow[];
  maxMs: number;
  /** tick marks every `tickMs` */
  tickMs: number;
}

export function buildWaterfall(trial: Trial): Waterfall {
  const rows = trial.participants.map((p): WaterfallRow => {
    const { pageLoadMs, uiReadyMs, joinActionMs, signallingMs, iceMs } = p.phases;
    const segments: WaterfallSegment[] = [];
    if (pageLoadMs !== null) segments.push({ phase: 'pageLoad', startMs: 0, endMs: pageLoadMs });
    if (uiReadyMs !== null) segments.push({ phase: 'uiReady', startMs: pageLoadMs ?? 0, endMs: Math.max(uiReadyMs, pageLoadMs ?? 0) });
    // signalling and ICE start at the join action (a token link's is its navigation, at 0)
    const joinAt = joinActionMs ?? uiReadyMs ?? pageLoadMs ?? 0;
    if (signallingMs !== null) segments.push({ phase: 'signalling', startMs: joinAt, endMs: joinAt + signallingMs });
    // ICE runs after the remote description arrives: draw the part of it that extends past signalling
    if (iceMs !== null) segments.push({ phase: 'ice', startMs: joinAt + Math.min(signallingMs ?? 0, iceMs), endMs: joinAt + iceMs });
    return { participant: p.name, joined: p.joined, joinTimeMs: p.joinTimeMs, segments, error: p.error };
  });
  const maxMs = Math.max(1000, ...rows.flatMap((r) => [r.joinTimeMs ?? 0, ...r.segments.map((s) => s.endMs)]));
  const tickMs = maxMs > 20_000 ? 5000 : maxMs > 8000 ? 2000 : maxMs > 3000 ? 1000 : 500;
  return { rows, maxMs: Math.ceil(maxMs / tickMs) * tickMs, tickMs };
}
