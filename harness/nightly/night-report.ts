/**
 * What a night produced, in one object: the run, the verdict per platform, the regressions against history,
 * where the reports are and the exit code. The notifications, the printed summary and reports/night.json
 * are all made from it, so they cannot disagree.
 */
import type { HistoryReport } from '../../results/history/detect-regressions.ts';
import type { RunRecord, Verdict } from '../../results/run-record.ts';

export interface PlatformLine {
  platform: string;
  name: string;
  verdict: Verdict;
  score: number | null;
  summary: string;
  trials: number;
}

export interface NightReport {
  schemaVersion: 1;
  suite: string;
  runId: string;
  status: RunRecord['status'];
  verdict: Verdict;
  /** why the run stopped early, or null */
  stoppedBy: 'deadline' | 'signal' | null;
  reason: string | null;
  startedAt: string;
  finishedAt: string | null;
  trials: { planned: number; measured: number; broken: number; inconclusive: number };
  platforms: PlatformLine[];
  history: HistoryReport;
  /** link to the run in the viewer, or null when the suite gives no viewer base URL */
  link: string | null;
  reports: Record<string, string>;
  exitCode: number;
}
