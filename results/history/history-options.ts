/** How strict the history comparison is; the suite file's `history` block, with these defaults. */
import { DEFAULT_HISTORY_METRICS } from './metric-direction.ts';

export interface HistoryOptions {
  /** previous nights of the same suite to compare with */
  nights: number;
  /** a regression needs p below this (one-sided Mann-Whitney U) */
  significance: number;
  /** and a change of the medians of at least this many percent in the worse direction */
  minEffectPct: number;
  /** fewer trial values than this in the previous nights: not enough history, nothing is judged */
  minBaselineValues: number;
  metrics: string[];
}

export const DEFAULT_HISTORY: HistoryOptions = {
  nights: 14,
  significance: 0.05,
  minEffectPct: 10,
  minBaselineValues: 6,
  metrics: [...DEFAULT_HISTORY_METRICS],
};
