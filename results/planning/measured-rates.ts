/**
 * Per-participant bandwidth by meeting size, read from stored trials: every joined participant's average
 * uplink and downlink over the measurement window, grouped by the size of its room in that trial (the
 * participants of the trial with the same `room`). Kernel figures (lab namespaces, headers included)
 * are preferred where present; otherwise getStats' transport figures, which leave out IP/UDP headers.
 */
import type { RunRecord, TrialMedia } from '../run-record.ts';
import { median, roundTenth } from '../statistics.ts';

export interface MeasuredSize {
  /** participants in the meeting */
  k: number;
  /** median over participants of their average uplink, kbit/s */
  uplinkKbps: number;
  downlinkKbps: number;
  /** participants the figures come from */
  participants: number;
  /** kernel: on-the-wire (headers included); getStats: transport payload (headers to be added) */
  source: 'kernel' | 'getStats';
  /** the senders' microphone in the trials of this size (run-record.ts trialMediaSchema); absent: not recorded */
  microphone?: TrialMedia['microphone'];
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** trials of a saturated runner measured the runner, not the platform: left out unless asked for */
export function measuredFromRun(run: RunRecord, options: { includeSaturated?: boolean } = {}): MeasuredSize[] {
  const bySize = new Map<number, { up: number[]; down: number[]; kernel: boolean[]; microphones: Set<string | undefined> }>();
  for (const trial of run.trials) {
    if (trial.verdict === 'broken') continue;
    if (trial.runner.saturated && !options.includeSaturated) continue;
    const roomSize = new Map<string, number>();
    for (const p of trial.participants) roomSize.set(p.room ?? '1', (roomSize.get(p.room ?? '1') ?? 0) + 1);
    for (const p of trial.participants) {
      if (!p.joined) continue;
      const kernel = finite(p.kernel?.uplinkKbps) && finite(p.kernel?.downlinkKbps);
      const up = kernel ? p.kernel?.uplinkKbps : p.uplinkKbps.avg;
      const down = kernel ? p.kernel?.downlinkKbps : p.downlinkKbps.avg;
      if (!finite(up) || !finite(down)) continue;
      const k = roomSize.get(p.room ?? '1') ?? 1;
      const entry = bySize.get(k) ?? { up: [], down: [], kernel: [], microphones: new Set() };
      entry.microphones.add(trial.media?.microphone);
      entry.up.push(up);
      entry.down.push(down);
      entry.kernel.push(kernel);
      bySize.set(k, entry);
    }
  }
  return [...bySize.entries()]
    .sort(([a], [b]) => a - b)
    .map(([k, e]) => ({
      k,
      // every size has at least one participant: its median exists
      uplinkKbps: roundTenth(median(e.up) as number),
      downlinkKbps: roundTenth(median(e.down) as number),
      participants: e.up.length,
      // one getStats figure among kernel ones makes the whole size "getStats": headers are then added to all
      source: e.kernel.every(Boolean) ? 'kernel' : 'getStats',
      ...microphoneOf(e.microphones),
    }));
}

/** one microphone for the size, "mixed" for two, nothing when a trial did not record it */
function microphoneOf(seen: Set<string | undefined>): Pick<MeasuredSize, 'microphone'> {
  if (seen.has(undefined)) return {};
  if (seen.size > 1) return { microphone: 'mixed' };
  const [only] = [...seen] as Array<TrialMedia['microphone']>;
  return only ? { microphone: only } : {};
}
