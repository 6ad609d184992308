/**
 * The JSON API of bandwidth planning over a stored run (for the viewer and scripts): the measured sizes
 * and, for each requested scenario of meetings, the projection with its assumptions.
 */
import type { RunRecord } from '../run-record.ts';
import { measuredFromRun, type MeasuredSize } from './measured-rates.ts';
import { compareMediaModels, type PlatformModel } from './model-comparison.ts';
import { projectBandwidth, type BandwidthPlan, type PlanRequest } from './project-bandwidth.ts';

export interface RunPlan {
  runId: string;
  measured: MeasuredSize[];
  plans: BandwidthPlan[];
  /** the run's platforms of known media model, side by side at the DSI's sizes */
  models: PlatformModel[];
}

/** default questions: 10 and 50 simultaneous meetings of every measured size, a quarter of people on VPN */
export function defaultRequests(measured: readonly MeasuredSize[]): PlanRequest[] {
  return measured.filter((m) => m.k >= 2).flatMap((m) => [10, 50].map((meetings) => ({ meetings, size: m.k, vpnShare: 0.25 })));
}

export function planFromRun(run: RunRecord, requests?: PlanRequest[]): RunPlan {
  const measured = measuredFromRun(run);
  const asked = requests ?? defaultRequests(measured);
  return { runId: run.id, measured, plans: measured.length > 0 ? asked.map((r) => projectBandwidth(measured, r)) : [], models: compareMediaModels(run) };
}
